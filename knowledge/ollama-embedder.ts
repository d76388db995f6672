/** Embeddings from a local Ollama server (`/api/embed`) through the official `ollama` client. */
import { Ollama } from 'ollama';
import { toBackendError } from '../backends/backend-error.js';
import { startRequestDeadline } from '../backends/request-deadline.js';
import { checkedEmbeddings, type Embedder } from './embedder.js';
import { KnowledgeError } from './knowledge-error.js';

/** Where and which model; `host` defaults to OLLAMA_HOST, then Ollama's default address. */
export interface OllamaEmbedderOptions {
  model: string;
  host?: string;
  /** Per-request timeout; default 60 s. */
  timeoutMs?: number;
  /** Texts per request; default 32. */
  batchSize?: number;
}

/** Creates an Ollama embedder with id `ollama/<model>`; HTTP failures become BackendErrors (retryable or not). */
export function createOllamaEmbedder(options: OllamaEmbedderOptions): Embedder {
  const id = `ollama/${options.model}`;
  const host = options.host ?? process.env.OLLAMA_HOST ?? 'http://127.0.0.1:11434';
  const timeoutMs = options.timeoutMs ?? 60_000;
  const batchSize = options.batchSize ?? 32;
  return {
    id,
    location: 'local',
    async embed(texts) {
      const vectors: number[][] = [];
      for (let start = 0; start < texts.length; start += batchSize) {
        const batch = texts.slice(start, start + batchSize);
        const deadline = startRequestDeadline(timeoutMs);
        // The client's embed() takes no signal: the deadline goes in through fetch.
        const client = new Ollama({ host, fetch: (input, init) => fetch(input, { ...init, signal: deadline.signal }) });
        try {
          const response = await client.embed({ model: options.model, input: batch, truncate: true });
          vectors.push(...checkedEmbeddings(id, response?.embeddings, batch.length));
        } catch (error) {
          if (error instanceof KnowledgeError) throw error;
          const abortedBy = deadline.abortedBy();
          throw toBackendError(error, id, { timeoutMs, ...(abortedBy ? { abortedBy } : {}) });
        } finally {
          deadline.dispose();
        }
      }
      return vectors;
    },
  };
}
