/**
 * Knowledge layer: HNSW query latency and recall@10 against exact search on 100k random 384-dim
 * unit vectors at several `ef`, and ingestion throughput (chunks/s) on a generated Markdown corpus
 * of at least 10 MB with the default (lexical) embedder and the real classifier. The main vector set
 * is random with a low intrinsic dimension, like real text embeddings; a smaller uniform random set
 * shows the worst case. Runnable alone: `npx tsx bench/knowledge-bench.ts`.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createDefaultClassifier } from '../classification/default-classifier.js';
import { seededRandom } from '../classification/topics/seeded-random.js';
import { ingestKnowledge } from '../knowledge/ingest.js';
import { openKnowledgeStore } from '../knowledge/knowledge-store.js';
import { createLexicalEmbedder } from '../knowledge/lexical-embedder.js';
import { createVectorIndex } from '../knowledge/vector-index.js';
import { loadPolicyFile } from '../routing/policy-loader.js';
import { printBenchTable, type BenchTable } from './bench-table.js';
import { quantile } from './measure.js';

const vectorCount = Number(process.env.KNOWLEDGE_BENCH_VECTORS ?? 100_000);
const uniformCount = Number(process.env.KNOWLEDGE_BENCH_UNIFORM_VECTORS ?? 20_000);
const dimensions = 384;
// Text embeddings have a low intrinsic dimension (tens, not hundreds): model them as random points
// of a random 32-dimensional subspace plus a little isotropic noise.
const intrinsicDimensions = 32;
const queryCount = 200;
const corpusBytes = Number(process.env.KNOWLEDGE_BENCH_CORPUS_BYTES ?? 10.5 * 1024 * 1024);

/** Run the knowledge benchmark. */
export async function runKnowledgeBench(): Promise<BenchTable> {
  const random = seededRandom(42);
  const basis = Array.from({ length: intrinsicDimensions }, () => unitVector(random, dimensions));
  const lowRank = (): Float32Array => embedInBasis(basis, random);
  const rows: (string | number)[][] = [];
  const notes: string[] = [];

  const main = sweep(`low-rank ${vectorCount / 1000}k`, vectorCount, lowRank, [16, 32, 64, 128, 256], rows, notes);
  const chosen = main.find((entry) => entry.recall >= 0.95);
  notes.push(chosen ? `chosen ef for ${vectorCount / 1000}k low-rank vectors: ${chosen.ef} (recall@10 ${chosen.recall}, ${chosen.qps} queries/s)` : 'no ef in the sweep reached recall@10 ≥ 0.95');
  sweep(`uniform ${uniformCount / 1000}k`, uniformCount, () => unitVector(random, dimensions), [128, 512, 2048], rows, notes);
  notes.push('uniform random vectors are the worst case: in 384 dimensions all points are almost equally far apart, so "nearest" is nearly arbitrary and any ANN index needs a very large ef');

  const ingest = await ingestionThroughput();
  rows.push([`corpus ${ingest.megabytes.toFixed(1)} MB`, `ingest ${ingest.files} files → ${ingest.chunks} chunks`, round(ingest.seconds), '', `${Math.round(ingest.chunks / ingest.seconds)} chunks/s`, '']);
  rows.push([`corpus ${ingest.megabytes.toFixed(1)} MB`, 'hybrid query, top 5', round(ingest.queryMedian), round(ingest.queryP99), Math.round(1000 / ingest.queryMean), '']);
  notes.push('ingest = scan + hash + parse + chunk (800/120) + classify every chunk + lexical embedding + HNSW insert + atomic write; the ingest row\'s "median ms" column is total seconds');

  return {
    title: `Knowledge: HNSW (M=16, efConstruction=200; ${queryCount} queries, top 10, recall against exact search) and ingestion`,
    columns: ['data', 'operation', 'median ms', 'p99 ms', 'queries/s', 'recall@10'],
    rows,
    notes,
  };
}

/** Builds an index of `count` vectors, measures exact search and each ef; appends rows, returns the sweep. */
function sweep(name: string, count: number, next: () => Float32Array, efValues: number[], rows: (string | number)[][], notes: string[]): Array<{ ef: number; recall: number; qps: number }> {
  const data = Array.from({ length: count }, next);
  const queries = Array.from({ length: queryCount }, next);
  // hnswlib-node takes plain arrays only; convert outside the timings.
  const queryArrays = queries.map((query) => Array.from(query));
  const buildStarted = performance.now();
  const index = createVectorIndex(dimensions, count, { m: 16, efConstruction: 200 });
  data.forEach((vector, label) => index.add(label, Array.from(vector)));
  const buildSeconds = (performance.now() - buildStarted) / 1000;
  notes.push(`${name}: index build ${buildSeconds.toFixed(1)} s (${Math.round(count / buildSeconds)} vectors/s, one thread)`);

  const exactLatencies: number[] = [];
  const truth = queries.map((query) => {
    const started = performance.now();
    const top = exactTopK(data, query, 10);
    exactLatencies.push(performance.now() - started);
    return top;
  });
  const results: Array<{ ef: number; recall: number; qps: number }> = [];
  for (const ef of efValues) {
    index.setEfSearch(ef);
    const latencies: number[] = [];
    let found = 0;
    queryArrays.forEach((query, position) => {
      const started = performance.now();
      const hits = index.search(query, 10);
      latencies.push(performance.now() - started);
      found += hits.filter((hit) => truth[position]!.has(hit.label)).length;
    });
    const recall = round(found / (queryCount * 10), 3);
    const qps = Math.round(1000 / mean(latencies));
    results.push({ ef, recall, qps });
    rows.push([name, `HNSW ef=${ef}`, round(quantile(latencies, 0.5), 3), round(quantile(latencies, 0.99), 3), qps, recall]);
  }
  rows.push([name, 'exact (brute force, JS)', round(quantile(exactLatencies, 0.5)), round(quantile(exactLatencies, 0.99)), Math.round(1000 / mean(exactLatencies)), 1]);
  return results;
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

async function ingestionThroughput(): Promise<{ megabytes: number; files: number; chunks: number; seconds: number; queryMedian: number; queryP99: number; queryMean: number }> {
  const folder = await mkdtemp(join(tmpdir(), 'switchyard-knowledge-bench-'));
  try {
    const corpus = await writeCorpus(join(folder, 'corpus'), corpusBytes);
    const embedder = createLexicalEmbedder();
    const started = performance.now();
    const report = await ingestKnowledge({ paths: [join(folder, 'corpus')], collection: 'bench', dataDir: join(folder, 'data'), embedder, classifier: createDefaultClassifier(), policy: await loadPolicyFile('policies/default.yaml') });
    const seconds = (performance.now() - started) / 1000;
    const store = openKnowledgeStore({ collection: 'bench', dataDir: join(folder, 'data'), embedder });
    await store.search({ query: 'warm up', topK: 5 });
    const latencies: number[] = [];
    for (const query of corpus.sampleQueries) {
      const queryStarted = performance.now();
      await store.search({ query, topK: 5 });
      latencies.push(performance.now() - queryStarted);
    }
    const queryMean = mean(latencies);
    return { megabytes: corpus.bytes / 1024 / 1024, files: corpus.files, chunks: report.chunks.total, seconds, queryMedian: quantile(latencies, 0.5), queryP99: quantile(latencies, 0.99), queryMean };
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

function exactTopK(data: readonly Float32Array[], query: Float32Array, k: number): Set<number> {
  const best: Array<{ label: number; score: number }> = [];
  for (let label = 0; label < data.length; label++) {
    const vector = data[label]!;
    let score = 0;
    for (let index = 0; index < dimensions; index++) score += vector[index]! * query[index]!;
    if (best.length < k || score > best[best.length - 1]!.score) {
      best.push({ label, score });
      best.sort((a, b) => b.score - a.score);
      if (best.length > k) best.pop();
    }
  }
  return new Set(best.map((entry) => entry.label));
}

// Gaussian components (Box–Muller) give directions uniform on the sphere.
function unitVector(random: () => number, size: number): Float32Array {
  const vector = new Float32Array(size);
  for (let index = 0; index < size; index++) vector[index] = gaussian(random);
  return normalised(vector);
}

function embedInBasis(basis: readonly Float32Array[], random: () => number): Float32Array {
  const vector = new Float32Array(dimensions);
  for (const direction of basis) {
    const weight = gaussian(random);
    for (let index = 0; index < dimensions; index++) vector[index]! += weight * direction[index]!;
  }
  const noise = 0.05 * Math.sqrt(intrinsicDimensions / dimensions);
  for (let index = 0; index < dimensions; index++) vector[index]! += noise * gaussian(random);
  return normalised(vector);
}

function gaussian(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

function normalised(vector: Float32Array): Float32Array {
  const norm = Math.hypot(...vector) || 1;
  for (let index = 0; index < vector.length; index++) vector[index]! /= norm;
  return vector;
}

const vocabulary = (
  'account access allowance annual approval audit backup badge benefit bicycle booking budget calendar canteen card carrier claim client ' +
  'contract course deadline delivery device director document domestic employee encryption equipment expense finance flight holiday hotel ' +
  'insurance invoice laptop leave licence manager meeting mileage network office onboarding parking password payroll pension policy portal ' +
  'printer probation project receipt refund reimbursement remote report request review salary schedule security server software supplier ' +
  'team ticket training travel update vacation vendor warehouse workstation'
).split(' ');

// Synthetic handbook pages: headings and sentences over a fixed vocabulary, a few kilobytes each.
async function writeCorpus(folder: string, targetBytes: number): Promise<{ bytes: number; files: number; sampleQueries: string[] }> {
  const random = seededRandom(7);
  const word = (): string => vocabulary[Math.floor(random() * vocabulary.length)]!;
  const sentence = (): string => {
    const words = Array.from({ length: 8 + Math.floor(random() * 12) }, word);
    return `${words[0]![0]!.toUpperCase()}${words.join(' ').slice(1)} within ${1 + Math.floor(random() * 30)} days.`;
  };
  let bytes = 0;
  let files = 0;
  const sampleQueries: string[] = [];
  while (bytes < targetBytes) {
    const sections = Array.from({ length: 4 }, () => `## ${word()} ${word()}\n\n${Array.from({ length: 3 }, () => Array.from({ length: 4 }, sentence).join(' ')).join('\n\n')}`);
    const text = `# ${word()} ${word()} guide ${files}\n\n${sections.join('\n\n')}\n`;
    const path = join(folder, `section-${files % 20}`, `page-${files}.md`);
    await mkdir(join(folder, `section-${files % 20}`), { recursive: true });
    await writeFile(path, text);
    if (files % 40 === 0) sampleQueries.push(`${word()} ${word()} ${word()} ${word()}`);
    bytes += Buffer.byteLength(text);
    files++;
  }
  return { bytes, files, sampleQueries };
}

function round(value: number, digits = 2): number {
  return Number(value.toFixed(digits));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) printBenchTable(await runKnowledgeBench());
