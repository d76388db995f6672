// Nothing imports onnxruntime-web in Node (see package.json): an import of this stand-in is a bug to report.
throw new Error('onnxruntime-web is replaced by a stand-in (package.json overrides); @huggingface/transformers runs on onnxruntime-node in Node');
