/**
 * A real sentence embedder inside the process: a pulled ONNX model (all-MiniLM-L6-v2 by default)
 * run by onnxruntime through transformers.js, mean-pooled and L2-normalised as sentence-transformers
 * does. Remote models are off: only files `switchyard models pull` put on disk are ever loaded.
 */
import { existsSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { FeatureExtractionPipeline } from '@huggingface/transformers';
import { manifestPath, ModelMissingError, modelsDir, resolveModel } from '../models/model-store.js';
import { BackendError } from '../backends/backend-error.js';
import { checkedEmbeddings, type Embedder } from './embedder.js';
import { KnowledgeError } from './knowledge-error.js';

/** The embedding model new collections use when it has been pulled. */
export const DEFAULT_ONNX_EMBEDDING_MODEL = 'all-minilm:l6-v2';

/** Options of the ONNX embedder. */
export interface OnnxEmbedderOptions {
  /** A pulled embedding model's name (default all-minilm:l6-v2). */
  model?: string;
  /** Default $SWITCHYARD_MODELS_DIR or .data/models. */
  modelsDir?: string;
  /** onnxruntime intra-op threads; default $SWITCHYARD_EMBEDDER_THREADS or 1 (the machine is shared). */
  threads?: number;
  /**
   * Texts per forward pass; default 1. Batches pad to their longest text, which wastes work on
   * chunks of mixed length and makes a vector depend (in the last bits) on its batch neighbours.
   */
  batchSize?: number;
}

/** Whether `model` has been pulled into `dir` (a cheap synchronous check for choosing defaults). */
export function onnxModelPresent(model = DEFAULT_ONNX_EMBEDDING_MODEL, dir = modelsDir()): boolean {
  return existsSync(manifestPath(model, dir));
}

/** Creates the embedder with id `onnx/<model>`; the model loads on the first `embed`. */
export function createOnnxEmbedder(options: OnnxEmbedderOptions = {}): Embedder {
  const model = options.model ?? DEFAULT_ONNX_EMBEDDING_MODEL;
  const id = `onnx/${model}`;
  const threads = options.threads ?? (Number(process.env.SWITCHYARD_EMBEDDER_THREADS) || 1);
  const batchSize = options.batchSize ?? 1;
  let loading: Promise<FeatureExtractionPipeline> | undefined;

  async function load(): Promise<FeatureExtractionPipeline> {
    let folder: string;
    try {
      const pulled = await resolveModel(model, options.modelsDir);
      if (pulled.kind !== 'embedding') throw new KnowledgeError('InvalidOption', `Model "${model}" is a ${pulled.kind} model, not an embedding model`);
      folder = pulled.entryPath;
    } catch (error) {
      // The same failure a model server gives for a model it lacks: not retryable until someone pulls it.
      if (error instanceof ModelMissingError) throw new BackendError({ type: 'NotFound', backendId: id, detail: error.message, cause: error });
      throw error;
    }
    // Imported on first use: onnxruntime's native library costs every process that never embeds.
    const { env, pipeline } = await import('@huggingface/transformers');
    // transformers.js resolves a model id under localModelPath; no hub, no cache of its own.
    env.allowRemoteModels = false;
    env.allowLocalModels = true;
    env.localModelPath = `${dirname(folder)}/`;
    return pipeline('feature-extraction', basename(folder), {
      dtype: 'fp32', // the file name transformers.js looks for (onnx/model.onnx); the weights inside are int8
      device: 'cpu',
      session_options: { intraOpNumThreads: threads, interOpNumThreads: 1 },
    }) as Promise<FeatureExtractionPipeline>;
  }

  return {
    id,
    location: 'local',
    async embed(texts) {
      if (!loading) {
        loading = load();
        // A failed load (model not pulled yet) is tried again on the next call.
        loading.catch(() => (loading = undefined));
      }
      const extractor = await loading;
      const vectors: number[][] = [];
      for (let start = 0; start < texts.length; start += batchSize) {
        const batch = texts.slice(start, start + batchSize);
        const output = await extractor([...batch], { pooling: 'mean', normalize: true });
        vectors.push(...checkedEmbeddings(id, output.tolist(), batch.length));
      }
      return vectors;
    },
  };
}
