/**
 * Real local models: the embedded llama-cpp backend with SmolLM2-135M (tokens/s and time to first
 * token at 1 and 2 slots) and the in-process ONNX embedder (embeddings/s on 100-word chunks), each
 * next to the model-server double measured in the same run, so the figures separate model time
 * from Switchyard's own overhead. Threads default to 1 (MODELS_BENCH_THREADS): the machine is shared.
 * Runnable alone: `npx tsx bench/models-bench.ts`.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ChatBackend, ChatRequest } from '../backends/backend.js';
import { createLlamaCppBackend } from '../backends/llama-cpp-backend.js';
import { createOllamaBackend } from '../backends/ollama-backend.js';
import type { Embedder } from '../knowledge/embedder.js';
import { createLexicalEmbedder } from '../knowledge/lexical-embedder.js';
import { createOllamaEmbedder } from '../knowledge/ollama-embedder.js';
import { createOnnxEmbedder } from '../knowledge/onnx-embedder.js';
import { allMiniLm, smollm2 } from '../models/model-catalog.js';
import { pullModel } from '../models/model-store.js';
import { ollamaBinary, ollamaModels, registerModels, startLocalOllama } from '../scripts/setup-ollama-models.js';
import { startModelServer } from '../test/doubles/model-server.js';
import { freePort } from '../test/harness/free-port.js';
import { printBenchTable, type BenchTable } from './bench-table.js';
import { quantile } from './measure.js';

const threads = Number(process.env.MODELS_BENCH_THREADS ?? 1);
const rounds = Number(process.env.MODELS_BENCH_ROUNDS ?? 3);
const answerTokens = 96;
const chunkCount = Number(process.env.MODELS_BENCH_CHUNKS ?? 60);
const prompts = [
  'Explain in a short paragraph why the sky is blue.',
  'Give three tips for writing clear emails at work.',
  'What is the difference between a list and a tuple in Python?',
  'Describe how a bicycle gear system works.',
];

interface GenerationFigures {
  ttftMs: number;
  tokensPerSecond: number;
  outputTokens: number;
}

/** Time to first token (a 1-token answer: prompt evaluation plus one step) and decode speed at `slots` parallel requests. */
async function measureGeneration(backend: ChatBackend, model: string, slots: number): Promise<GenerationFigures> {
  const ttfts: number[] = [];
  const speeds: number[] = [];
  let outputTokens = 0;
  for (let round = 0; round < rounds; round++) {
    const batch = Array.from({ length: slots }, (_, index) => request(model, prompts[(round * slots + index) % prompts.length]!));
    const firstStarted = performance.now();
    await Promise.all(batch.map((item) => backend.chat({ ...item, maxOutputTokens: 1 })));
    const ttft = (performance.now() - firstStarted);
    ttfts.push(ttft);
    const started = performance.now();
    const results = await Promise.all(batch.map((item) => backend.chat(item)));
    const elapsed = (performance.now() - started) / 1000;
    const tokens = results.reduce((sum, result) => sum + result.usage.outputTokens, 0);
    outputTokens += tokens;
    // Aggregate decode rate across the slots, with the prompt's evaluation (the TTFT) taken out.
    speeds.push(tokens / Math.max(elapsed - ttft / 1000, 1e-3));
  }
  return { ttftMs: quantile(ttfts, 0.5), tokensPerSecond: quantile(speeds, 0.5), outputTokens };
}

function request(model: string, prompt: string): ChatRequest {
  return { model, messages: [{ role: 'user', content: prompt }], maxOutputTokens: answerTokens, temperature: 0 };
}

/** 100-word chunks of the sample handbook, the size the knowledge layer embeds. */
async function sampleChunks(): Promise<string[]> {
  const folder = 'knowledge/samples';
  const words: string[] = [];
  for (const name of (await readdir(folder, { recursive: true })).sort()) {
    if (!/\.(md|txt)$/.test(name)) continue;
    words.push(...(await readFile(join(folder, name), 'utf8')).split(/\s+/).filter(Boolean));
  }
  const chunks: string[] = [];
  for (let start = 0; chunks.length < chunkCount; start = (start + 100) % Math.max(1, words.length - 100)) chunks.push(words.slice(start, start + 100).join(' '));
  return chunks;
}

async function embeddingsPerSecond(embedder: Embedder, chunks: string[]): Promise<number> {
  await embedder.embed(chunks.slice(0, 2)); // load and warm up
  const started = performance.now();
  await embedder.embed(chunks);
  return chunks.length / ((performance.now() - started) / 1000);
}

/** Run the models benchmark. */
export async function runModelsBench(): Promise<BenchTable[]> {
  const loadAtStart = loadavg().map((load) => load.toFixed(1)).join(' / ');
  await pullModel(smollm2.name);
  await pullModel(allMiniLm.name);
  const double = await startModelServer({ models: [smollm2.name, 'double-embed'] });
  const generation: (string | number)[][] = [];
  const embedding: (string | number)[][] = [];
  try {
    const viaDouble = createOllamaBackend({ id: 'double', protocol: 'ollama', baseUrl: double.ollamaUrl, timeoutMs: 60_000 });
    for (const slots of [1, 2]) {
      const embedded = createLlamaCppBackend({ id: `embedded-${slots}`, timeoutMs: 300_000, llamaCpp: { threads, slots } });
      try {
        await embedded.chat({ ...request(smollm2.name, 'Hi'), maxOutputTokens: 1 }); // load the model and the slots' contexts
        const real = await measureGeneration(embedded, smollm2.name, slots);
        generation.push([`llama-cpp ${smollm2.name}`, slots, threads, real.ttftMs.toFixed(0), real.tokensPerSecond.toFixed(1), real.outputTokens]);
      } finally {
        await embedded.dispose();
      }
      const reference = await measureGeneration(viaDouble, smollm2.name, slots);
      generation.push(['double (ollama wire, echo)', slots, '-', reference.ttftMs.toFixed(1), reference.tokensPerSecond.toFixed(0), reference.outputTokens]);
    }

    // The Ollama `npm run setup:ollama` built, when present: the same GGUF behind a server (1 slot).
    if (existsSync(ollamaBinary)) {
      const ollama = await startLocalOllama(await freePort());
      try {
        if (!(await ollamaModels(ollama.url)).includes(smollm2.name)) await registerModels(ollama.url);
        const real = createOllamaBackend({ id: 'ollama', protocol: 'ollama', baseUrl: ollama.url, timeoutMs: 300_000 });
        await real.chat({ ...request(smollm2.name, 'Hi'), maxOutputTokens: 1 });
        const figures = await measureGeneration(real, smollm2.name, 1);
        generation.push([`ollama 0.17.4 ${smollm2.name}`, 1, 'auto', figures.ttftMs.toFixed(0), figures.tokensPerSecond.toFixed(1), figures.outputTokens]);
      } finally {
        await ollama.stop();
      }
    }

    const chunks = await sampleChunks();
    embedding.push([`onnx ${allMiniLm.name} (int8)`, threads, chunks.length, (await embeddingsPerSecond(createOnnxEmbedder({ threads }), chunks)).toFixed(1)]);
    embedding.push(['lexical-v1/512 (no model)', 1, chunks.length, (await embeddingsPerSecond(createLexicalEmbedder(), chunks)).toFixed(0)]);
    embedding.push(['double (ollama wire)', '-', chunks.length, (await embeddingsPerSecond(createOllamaEmbedder({ host: double.ollamaUrl, model: 'double-embed' }), chunks)).toFixed(0)]);
  } finally {
    await double.close();
  }
  return [
    {
      title: `Local chat models: SmolLM2-135M Q4_1 embedded (node-llama-cpp, CPU) vs the wire double; medians of ${rounds} rounds, answers up to ${answerTokens} tokens`,
      columns: ['backend', 'slots', 'threads', 'TTFT ms', 'tokens/s (all slots)', 'tokens'],
      rows: generation,
      notes: [
        'TTFT = latency of a 1-token answer (prompt evaluation + first step); with 2 slots, of two such requests at once.',
        `threads is per slot; on a shared 2-core machine more threads per slot is slower, not faster (MODELS_BENCH_THREADS=${threads}).`,
        `load average when the bench started: ${loadAtStart} (on ${cpus().length} cores); CPU-bound figures scale down with it.`,
      ],
    },
    {
      title: 'Embeddings: 100-word chunks of knowledge/samples, one text per forward pass',
      columns: ['embedder', 'threads', 'chunks', 'embeddings/s'],
      rows: embedding,
      notes: [`load average when the bench started: ${loadAtStart}.`],
    },
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const table of await runModelsBench()) printBenchTable(table);
  process.exit(0);
}
