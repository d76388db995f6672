/** One contract every Embedder passes: the lexical one in-process, Ollama and OpenAI-compatible against the model-server double. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BackendError } from '../../backends/backend-error.js';
import type { Embedder } from '../../knowledge/embedder.js';
import { createLexicalEmbedder } from '../../knowledge/lexical-embedder.js';
import { createOllamaEmbedder } from '../../knowledge/ollama-embedder.js';
import { createOnnxEmbedder } from '../../knowledge/onnx-embedder.js';
import { createOpenAIEmbedder } from '../../knowledge/openai-embedder.js';
import { EMBEDDING_MODEL, ensureModel } from '../backends/real-models.js';
import { closedPortUrl } from '../doubles/closed-port.js';
import { startModelServer, type ModelServer } from '../doubles/model-server.js';

interface Implementation {
  name: string;
  /** Built against the double's URL; `model` lets a test name one the server lacks. */
  create(url: string, options?: { model?: string; batchSize?: number }): Embedder;
  expectedId: string;
  location: 'local' | 'cloud';
  /** Why a remote-failure case does not apply, when it does not. */
  noServer?: string;
  /** Why the server-down case does not apply to an in-process model. */
  inProcess?: string;
}

const implementations: Implementation[] = [
  { name: 'lexical', create: () => createLexicalEmbedder({ dimensions: 384 }), expectedId: 'lexical-v1/384', location: 'local', noServer: 'the lexical embedder runs in-process: no server, no model to be missing' },
  {
    name: 'onnx (real all-MiniLM-L6-v2)',
    create: (_url, options) => createOnnxEmbedder({ ...(options?.model ? { model: options.model } : {}), ...(options?.batchSize ? { batchSize: options.batchSize } : {}) }),
    expectedId: 'onnx/all-minilm:l6-v2',
    location: 'local',
    inProcess: 'the ONNX embedder runs in-process: there is no server to be down',
  },
  { name: 'ollama', create: (url, options) => createOllamaEmbedder({ host: url, model: options?.model ?? 'double-embed', timeoutMs: 5_000, ...(options?.batchSize ? { batchSize: options.batchSize } : {}) }), expectedId: 'ollama/double-embed', location: 'local' },
  { name: 'openai-compatible', create: (url, options) => createOpenAIEmbedder({ baseUrl: `${url}/v1`, model: options?.model ?? 'double-embed', timeoutMs: 5_000, ...(options?.batchSize ? { batchSize: options.batchSize } : {}) }), expectedId: 'openai/double-embed', location: 'cloud' },
];

const texts = ['Annual leave is 27 days per year.', 'How many days of annual leave do I get per year?', 'Forklift drivers wear high-visibility vests.'];

function cosine(a: readonly number[], b: readonly number[]): number {
  return a.reduce((sum, value, index) => sum + value * b[index]!, 0);
}

let server: ModelServer;
beforeAll(async () => {
  await ensureModel(EMBEDDING_MODEL);
  server = await startModelServer({ models: ['double-embed'] });
});
afterAll(() => server.close());

describe.each(implementations)('embedder contract: $name', (implementation) => {
  const embedder = (options?: { model?: string; batchSize?: number }): Embedder => implementation.create(server.url, options);

  it('names its vector space and where it sends text', () => {
    expect(embedder().id).toBe(implementation.expectedId);
    expect(embedder().location).toBe(implementation.location);
  });

  it('returns one finite unit vector per text, in order, all of one length', async () => {
    const vectors = await embedder().embed(texts);
    expect(vectors).toHaveLength(texts.length);
    const length = vectors[0]!.length;
    expect(length).toBeGreaterThan(0);
    for (const vector of vectors) {
      expect(vector).toHaveLength(length);
      expect(vector.every(Number.isFinite)).toBe(true);
      expect(Math.hypot(...vector)).toBeCloseTo(1, 5);
    }
    const single = await embedder().embed([texts[2]!]);
    expect(single[0]).toEqual(vectors[2]);
  });

  it('is deterministic', async () => {
    expect(await embedder().embed([texts[0]!])).toEqual(await embedder().embed([texts[0]!]));
  });

  it('puts related texts closer than unrelated ones', async () => {
    const [statement, question, unrelated] = await embedder().embed(texts);
    expect(cosine(statement!, question!)).toBeGreaterThan(cosine(statement!, unrelated!));
  });

  it('embeds an empty batch without a request', async () => {
    const before = server.requests.length;
    expect(await embedder().embed([])).toEqual([]);
    expect(server.requests.length).toBe(before);
  });

  it('splits large batches and keeps the order', async () => {
    const many = Array.from({ length: 7 }, (_, index) => `text number ${index} about topic${index}`);
    const batched = await embedder({ batchSize: 3 }).embed(many);
    expect(batched).toEqual(await embedder().embed(many));
  });

  it.skipIf(implementation.noServer !== undefined)(`fails with a non-retryable BackendError for a model the server lacks${implementation.noServer ? ` (skipped: ${implementation.noServer})` : ''}`, async () => {
    const error = await embedder({ model: 'no-such-model' }).embed(['hello']).catch((rejection: unknown) => rejection);
    expect(error).toBeInstanceOf(BackendError);
    expect(error).toMatchObject({ type: 'NotFound', isRetryable: false });
  });

  const noServerToBeDown = implementation.noServer ?? implementation.inProcess;
  it.skipIf(noServerToBeDown !== undefined)(`fails with a retryable BackendError when the server is down${noServerToBeDown ? ` (skipped: ${noServerToBeDown})` : ''}`, async () => {
    const down = implementation.create(await closedPortUrl());
    const error = await down.embed(['hello']).catch((rejection: unknown) => rejection);
    expect(error).toBeInstanceOf(BackendError);
    expect(error).toMatchObject({ type: 'Unreachable', isRetryable: true });
  });
});
