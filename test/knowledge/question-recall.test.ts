/** recall@1/@5 of the labelled question set over the sample knowledge, per embedder and scoring mode. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Embedder } from '../../knowledge/embedder.js';
import { createOllamaEmbedder } from '../../knowledge/ollama-embedder.js';
import { createOnnxEmbedder } from '../../knowledge/onnx-embedder.js';
import { EMBEDDING_MODEL, ensureModel } from '../backends/real-models.js';
import { copyOfSamples, ingest, lexicalEmbedder, openStore, removeTemporaryFolders, temporaryFolder } from './knowledge-fixture.js';
import { loadQuestions, measureRecall, type RecallResult } from './question-set.js';

const questions = loadQuestions();
const ollamaHost = process.env.OLLAMA_HOST ?? 'http://127.0.0.1:11434';
const ollamaModel = process.env.SWITCHYARD_TEST_EMBED_MODEL ?? 'nomic-embed-text';

// Decided before the tests are collected, so a skip can state its reason.
async function ollamaUnavailableReason(): Promise<string | undefined> {
  try {
    const response = await fetch(`${ollamaHost.replace(/\/$/, '')}/api/tags`, { signal: AbortSignal.timeout(1_000) });
    const { models } = (await response.json()) as { models?: Array<{ name: string }> };
    if (!models?.some((model) => model.name === ollamaModel || model.name.startsWith(`${ollamaModel}:`))) return `Ollama at ${ollamaHost} has no "${ollamaModel}" (set SWITCHYARD_TEST_EMBED_MODEL)`;
    return undefined;
  } catch (error) {
    return `Ollama not reachable at ${ollamaHost} (${(error as Error).message})`;
  }
}
const ollamaSkip = await ollamaUnavailableReason();

function table(embedder: string, results: RecallResult[]): string {
  return results.map((result) => `${embedder.padEnd(22)} ${result.scoring.padEnd(8)} recall@1 ${result.recallAt1.toFixed(3)}  recall@5 ${result.recallAt5.toFixed(3)}  misses@5: ${result.misses.join(', ') || 'none'}`).join('\n');
}

async function recallOf(embedder: Embedder): Promise<RecallResult[]> {
  const dataDir = await temporaryFolder();
  await ingest([await copyOfSamples()], dataDir, { embedder });
  const store = openStore(dataDir, embedder);
  return [await measureRecall(store, questions, 'vector'), await measureRecall(store, questions, 'lexical'), await measureRecall(store, questions, 'hybrid')];
}

afterAll(removeTemporaryFolders);

describe(`question set (${questions.length} questions over knowledge/samples)`, () => {
  let lexical: RecallResult[];
  beforeAll(async () => {
    lexical = await recallOf(lexicalEmbedder);
    console.log(`\n${table(lexicalEmbedder.id, lexical)}`);
  });

  it('has at least 40 labelled questions, each answered by a sample file', () => {
    expect(questions.length).toBeGreaterThanOrEqual(40);
    expect(new Set(questions.map((question) => question.id)).size).toBe(questions.length);
  });

  it('the lexical embedder with hybrid scoring finds the answering chunk in the top 5 for at least 90% and first for at least 80%', () => {
    const hybrid = lexical.find((result) => result.scoring === 'hybrid')!;
    expect(hybrid.recallAt5).toBeGreaterThanOrEqual(0.9);
    expect(hybrid.recallAt1).toBeGreaterThanOrEqual(0.8);
  });

  it('hybrid scoring is at least as good at recall@5 as vector search alone', () => {
    const [vector, , hybrid] = lexical;
    expect(hybrid!.recallAt5).toBeGreaterThanOrEqual(vector!.recallAt5);
  });

  it('the real embedder (all-MiniLM-L6-v2, ONNX in-process) beats the lexical one on vector recall; both reported', { timeout: 600_000 }, async () => {
    await ensureModel(EMBEDDING_MODEL);
    const onnx = await recallOf(createOnnxEmbedder());
    console.log(`\n${table('onnx/all-minilm:l6-v2', onnx)}\n${table(lexicalEmbedder.id, lexical)}`);
    const of = (results: RecallResult[], scoring: string) => results.find((result) => result.scoring === scoring)!;
    // A sentence embedder finds paraphrases the hashing embedder cannot: vector-only recall rises.
    expect(of(onnx, 'vector').recallAt5).toBeGreaterThan(of(lexical, 'vector').recallAt5);
    expect(of(onnx, 'hybrid').recallAt5).toBeGreaterThanOrEqual(0.9);
    expect(of(onnx, 'hybrid').recallAt1).toBeGreaterThanOrEqual(of(lexical, 'hybrid').recallAt1);
  });

  it.skipIf(ollamaSkip !== undefined)(`Ollama embeddings (${ollamaModel})${ollamaSkip ? ` — skipped: ${ollamaSkip}` : ''}`, { timeout: 600_000 }, async () => {
    const results = await recallOf(createOllamaEmbedder({ host: ollamaHost, model: ollamaModel }));
    console.log(`\n${table(`ollama/${ollamaModel}`, results)}`);
    expect(results.find((result) => result.scoring === 'hybrid')!.recallAt5).toBeGreaterThanOrEqual(0.8);
  });
});
