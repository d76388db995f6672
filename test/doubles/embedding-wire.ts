/**
 * Embeddings on the model-server double: Ollama's `POST /api/embed` and OpenAI's
 * `POST /v1/embeddings` (float or base64). Vectors are a hashed bag of words, so texts sharing
 * words are closer than texts that do not, deterministic and unit length, like a real model's.
 */
import type { ServerResponse } from 'node:http';
import { ollamaError } from './ollama-wire.js';
import { openAIError } from './openai-wire.js';
import type { RecordedRequest } from './recorded-request.js';
import { sendJson } from './send-json.js';

/** Dimensions of the double's embeddings. */
export const doubleEmbeddingDimensions = 48;

/** The double's embedding of one text. */
export function doubleEmbedding(text: string): number[] {
  const vector = new Array<number>(doubleEmbeddingDimensions).fill(0);
  for (const word of text.toLowerCase().match(/[a-z0-9]+/g) ?? []) {
    let hash = 2166136261;
    for (const character of word) hash = Math.imul(hash ^ character.charCodeAt(0), 16777619);
    vector[(hash >>> 0) % doubleEmbeddingDimensions]! += 1;
  }
  const norm = Math.hypot(...vector) || 1;
  return vector.map((value) => value / norm);
}

/** Answers an embedding request of either protocol; unknown models get the protocol's 404. */
export function sendEmbeddings(res: ServerResponse, record: RecordedRequest, models: readonly string[]): void {
  const body = (record.body ?? {}) as { model?: unknown; input?: unknown; encoding_format?: unknown };
  const ollama = record.protocol === 'ollama';
  const fail = (status: number, message: string): void => sendJson(res, status, ollama ? ollamaError(message) : openAIError(status, message));
  const inputs = typeof body.input === 'string' ? [body.input] : body.input;
  if (typeof body.model !== 'string' || !Array.isArray(inputs) || !inputs.every((input) => typeof input === 'string')) return fail(400, '"model" and "input" (a string or a list of strings) are required');
  if (!models.includes(body.model)) return fail(404, ollama ? `model "${body.model}" not found, try pulling it first` : `The model \`${body.model}\` does not exist or you do not have access to it.`);
  const vectors = (inputs as string[]).map(doubleEmbedding);
  const tokens = (inputs as string[]).reduce((sum, input) => sum + input.split(/\s+/).filter(Boolean).length, 0);
  if (ollama) return sendJson(res, 200, { model: body.model, embeddings: vectors, total_duration: 1_000_000, load_duration: 0, prompt_eval_count: tokens });
  const base64 = body.encoding_format === 'base64';
  sendJson(res, 200, {
    object: 'list',
    model: body.model,
    data: vectors.map((vector, index) => ({ object: 'embedding', index, embedding: base64 ? Buffer.from(new Float32Array(vector).buffer).toString('base64') : vector })),
    usage: { prompt_tokens: tokens, total_tokens: tokens },
  });
}
