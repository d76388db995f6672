/**
 * Embeddings from any OpenAI-compatible `/embeddings` endpoint through the official `openai` client.
 * A cloud endpoint may only embed non-sensitive text: the knowledge store wraps it in
 * `guardCloudEmbedder`, and ingest refuses to build a collection holding sensitive chunks with it.
 */
import OpenAI from 'openai';
import { toBackendError } from '../backends/backend-error.js';
import { checkedEmbeddings, type Embedder, type EmbedderLocation } from './embedder.js';
import { KnowledgeError } from './knowledge-error.js';

/** Endpoint, model and where it runs. */
export interface OpenAIEmbedderOptions {
  baseUrl: string;
  model: string;
  apiKey?: string;
  /** `cloud` unless you point it at a server on your premises (vLLM, llama.cpp); default `cloud`. */
  location?: EmbedderLocation;
  timeoutMs?: number;
  /** Texts per request; default 64. */
  batchSize?: number;
}

// See backends/openai-compatible-backend.ts: a placeholder keeps the client off OPENAI_API_KEY.
const placeholderApiKey = 'not-needed';

/** Creates an OpenAI-compatible embedder with id `openai/<model>`; SDK retries off (Temporal retries). */
export function createOpenAIEmbedder(options: OpenAIEmbedderOptions): Embedder {
  const id = `openai/${options.model}`;
  const batchSize = options.batchSize ?? 64;
  const timeoutMs = options.timeoutMs ?? 60_000;
  const client = new OpenAI({ baseURL: options.baseUrl, apiKey: options.apiKey ?? placeholderApiKey, maxRetries: 0, timeout: timeoutMs });
  return {
    id,
    location: options.location ?? 'cloud',
    async embed(texts) {
      const vectors: number[][] = [];
      for (let start = 0; start < texts.length; start += batchSize) {
        const batch = texts.slice(start, start + batchSize);
        try {
          // Floats, not the SDK's default base64: every compatible server speaks floats.
          const response = await client.embeddings.create({ model: options.model, input: batch, encoding_format: 'float' });
          const ordered = [...(response?.data ?? [])].sort((a, b) => a.index - b.index).map((item) => item.embedding);
          vectors.push(...checkedEmbeddings(id, ordered, batch.length));
        } catch (error) {
          if (error instanceof KnowledgeError) throw error;
          throw toBackendError(error, id, { timeoutMs });
        }
      }
      return vectors;
    },
  };
}
