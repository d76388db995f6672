/** Which embedder may build and query a collection: the recorded stamp, and the cloud rule for sensitive knowledge. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDefaultClassifier } from '../../classification/default-classifier.js';
import { guardCloudEmbedder } from '../../knowledge/cloud-embedding-guard.js';
import { createEmbedderFromSpec } from '../../knowledge/embedder-spec.js';
import { openKnowledgeLibrary } from '../../knowledge/knowledge-library.js';
import { openKnowledgeStore } from '../../knowledge/knowledge-store.js';
import { createLexicalEmbedder } from '../../knowledge/lexical-embedder.js';
import { createOllamaEmbedder } from '../../knowledge/ollama-embedder.js';
import { createOnnxEmbedder } from '../../knowledge/onnx-embedder.js';
import { createOpenAIEmbedder } from '../../knowledge/openai-embedder.js';
import { EMBEDDING_MODEL, ensureModel } from '../backends/real-models.js';
import { startModelServer, type ModelServer } from '../doubles/model-server.js';
import { defaultPolicy, ingest, knowledgeErrorOf, openStore, removeTemporaryFolders, temporaryFolder, writeFiles } from './knowledge-fixture.js';

let server: ModelServer;
beforeAll(async () => {
  server = await startModelServer({ models: ['double-embed'] });
});
afterAll(async () => {
  await server.close();
  await removeTemporaryFolders();
});

const classification = { classifier: createDefaultClassifier(), policy: defaultPolicy };
const cloudEmbedder = () => createOpenAIEmbedder({ baseUrl: `${server.url}/v1`, model: 'double-embed' });
const embedRequests = () => server.requests.filter((request) => request.path.endsWith('/embeddings') || request.path === '/api/embed');

describe('a collection records its embedder', () => {
  it('refuses queries and ingests from another embedder, naming both', async () => {
    const folder = await temporaryFolder();
    await writeFiles(folder, { 'a.md': 'The library opens at nine.' });
    const dataDir = await temporaryFolder();
    await ingest([folder], dataDir);
    const other = createLexicalEmbedder({ dimensions: 256 });
    const error = await knowledgeErrorOf(openStore(dataDir, other).search({ query: 'library', topK: 1 }));
    expect(error.message).toContain('was built by embedder "lexical-v1/512" (512 dimensions); it cannot be searched or extended with "lexical-v1/256"');
    await expect(ingest([folder], dataDir, { embedder: other })).rejects.toMatchObject({ type: 'EmbedderMismatch' });
  });

  it('builds with the real ONNX embedder, refuses a lexical query on it, and the library reopens it with the ONNX embedder', { timeout: 120_000 }, async () => {
    await ensureModel(EMBEDDING_MODEL);
    const folder = await temporaryFolder();
    await writeFiles(folder, { 'a.md': 'The library opens at nine every morning.', 'b.md': 'Forklift drivers wear vests.' });
    const dataDir = await temporaryFolder();
    const onnx = createOnnxEmbedder();
    await ingest([folder], dataDir, { embedder: onnx });
    const error = await knowledgeErrorOf(openStore(dataDir, createLexicalEmbedder()).search({ query: 'library', topK: 1 }));
    expect(error.message).toContain('was built by embedder "onnx/all-minilm:l6-v2" (384 dimensions); it cannot be searched or extended with "lexical-v1/512"');
    const store = await openKnowledgeLibrary({ dataDir }).store('test');
    expect(store.embedder.id).toBe('onnx/all-minilm:l6-v2');
    // "when is it open" shares no content word with "opens at nine" after stemming-free hashing; the sentence embedder still finds it.
    expect((await store.search({ query: 'what time can I get into the library?', topK: 1 }))[0]?.text).toContain('library');
  });

  it('builds and serves a collection with Ollama embeddings; the library reopens it with the recorded embedder', async () => {
    const folder = await temporaryFolder();
    await writeFiles(folder, { 'a.md': 'The library opens at nine every morning.', 'b.md': 'Forklift drivers wear vests.' });
    const dataDir = await temporaryFolder();
    const embedder = createOllamaEmbedder({ host: server.url, model: 'double-embed' });
    await ingest([folder], dataDir, { embedder });
    const [hit] = await openStore(dataDir, embedder).search({ query: 'when does the library open', topK: 1 });
    expect(hit?.text).toContain('library');
    const previous = process.env.OLLAMA_HOST;
    process.env.OLLAMA_HOST = server.url;
    try {
      const store = await openKnowledgeLibrary({ dataDir }).store('test');
      expect(store.embedder.id).toBe('ollama/double-embed');
      expect((await store.search({ query: 'forklift vests', topK: 1 }))[0]?.text).toContain('Forklift');
    } finally {
      if (previous === undefined) delete process.env.OLLAMA_HOST;
      else process.env.OLLAMA_HOST = previous;
    }
  });
});

describe('cloud embedders and sensitive knowledge', () => {
  it('refuses to build a collection holding a sensitive chunk with a cloud embedder, before sending anything', async () => {
    const folder = await temporaryFolder();
    await writeFiles(folder, { 'a.md': 'Public note about the garden.', 'payroll.md': 'Repayments go to IBAN GB82 WEST 1234 5698 7654 32.' });
    const before = embedRequests().length;
    const error = await knowledgeErrorOf(ingest([folder], await temporaryFolder(), { embedder: cloudEmbedder() }));
    expect(error).toMatchObject({ type: 'SensitiveToCloud' });
    expect(error.message).toMatch(/payroll\.md holds restricted content \(IBAN_CODE\); cloud embedder "openai\/double-embed" may only build collections whose chunks are all non-sensitive/);
    // a.md sorts first and is public: it may have been embedded; nothing of payroll.md was sent.
    expect(embedRequests().slice(before).every((request) => !JSON.stringify(request.body).includes('GB82'))).toBe(true);
  });

  it('builds a non-sensitive collection with a cloud embedder, and refuses a sensitive query on it', async () => {
    const folder = await temporaryFolder();
    await writeFiles(folder, { 'a.md': 'The garden is watered on Mondays.' });
    const dataDir = await temporaryFolder();
    await ingest([folder], dataDir, { embedder: cloudEmbedder() });
    expect(() => openKnowledgeStore({ dataDir, collection: 'test', embedder: cloudEmbedder() })).toThrow(/needs a classifier and policy/);
    const store = openKnowledgeStore({ dataDir, collection: 'test', embedder: cloudEmbedder(), classification });
    expect((await store.search({ query: 'when is the garden watered', topK: 1 }))[0]?.text).toContain('garden');
    const before = embedRequests().length;
    await expect(store.search({ query: 'call me on +44 20 7946 0958 about the garden', topK: 1 })).rejects.toMatchObject({ type: 'SensitiveToCloud' });
    expect(embedRequests().length).toBe(before);
  });

  it('leaves local embedders unwrapped and fails closed when classification fails', async () => {
    const local = createLexicalEmbedder();
    expect(guardCloudEmbedder(local, classification)).toBe(local);
    const failing = { name: 'broken', classify: async () => ({ entities: [], failure: { reason: 'timeout' }, ms: 1 }) };
    const guarded = guardCloudEmbedder(cloudEmbedder(), { classifier: failing, policy: defaultPolicy });
    await expect(guarded.embed(['harmless text'])).rejects.toThrow(/restricted \(classification failed/);
  });
});

describe('embedder specs', () => {
  it('creates embedders by spec and lists the known kinds for an unknown one', () => {
    expect(createEmbedderFromSpec('lexical').id).toBe('lexical-v1/512');
    expect(createEmbedderFromSpec('lexical:384').id).toBe('lexical-v1/384');
    expect(createEmbedderFromSpec('ollama:nomic-embed-text').id).toBe('ollama/nomic-embed-text');
    expect(createEmbedderFromSpec('openai:text-embedding-3-small', {}).location).toBe('cloud');
    expect(createEmbedderFromSpec('onnx:all-minilm:l6-v2').id).toBe('onnx/all-minilm:l6-v2');
    expect(() => createEmbedderFromSpec('word2vec')).toThrow('Unknown embedder "word2vec"; known kinds: lexical, onnx, ollama, openai');
    expect(() => createEmbedderFromSpec('ollama')).toThrow(/names no model/);
  });
});
