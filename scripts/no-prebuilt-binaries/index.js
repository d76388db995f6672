// No getBinsDir(): node-llama-cpp treats this prebuilt-binaries package as absent and falls back to its CPU build.
export {};
