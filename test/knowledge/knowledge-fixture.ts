/** Temporary folders, the sample knowledge and a real-classifier ingest for knowledge tests. */
import { cp, mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { expect } from 'vitest';
import { createDefaultClassifier } from '../../classification/default-classifier.js';
import type { Embedder } from '../../knowledge/embedder.js';
import { ingestKnowledge, type IngestOptions, type IngestReport } from '../../knowledge/ingest.js';
import { KnowledgeError } from '../../knowledge/knowledge-error.js';
import { createLexicalEmbedder } from '../../knowledge/lexical-embedder.js';
import { openKnowledgeStore, type KnowledgeStore } from '../../knowledge/knowledge-store.js';
import { loadPolicyFile } from '../../routing/policy-loader.js';

/** The project's default policy: contact data confidential, IBANs and cards restricted. */
export const defaultPolicy = await loadPolicyFile('policies/default.yaml');

/** The shared lexical embedder. */
export const lexicalEmbedder: Embedder = createLexicalEmbedder();

const created: string[] = [];

/** A fresh temporary folder, removed by `removeTemporaryFolders`. */
export async function temporaryFolder(prefix = 'switchyard-knowledge-'): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), prefix));
  created.push(folder);
  return folder;
}

/** Removes every folder made by `temporaryFolder` (call in afterAll/afterEach). */
export async function removeTemporaryFolders(): Promise<void> {
  await Promise.all(created.splice(0).map((folder) => rm(folder, { recursive: true, force: true })));
}

/** A copy of knowledge/samples in a temporary folder (tests may edit it). */
export async function copyOfSamples(): Promise<string> {
  const folder = join(await temporaryFolder(), 'samples');
  await cp('knowledge/samples', folder, { recursive: true });
  return folder;
}

/** Writes files (path relative to `root` → content) creating folders as needed. */
export async function writeFiles(root: string, files: Record<string, string | Uint8Array>): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), content);
  }
}

/** Ingests with the real default classifier and policy, the lexical embedder unless overridden. */
export function ingest(paths: string[], dataDir: string, overrides: Partial<IngestOptions> = {}): Promise<IngestReport> {
  return ingestKnowledge({ paths, dataDir, collection: 'test', embedder: lexicalEmbedder, classifier: createDefaultClassifier(), policy: defaultPolicy, ...overrides });
}

/** A new store object on the test collection (as a restarted worker would open it). */
export function openStore(dataDir: string, embedder: Embedder = lexicalEmbedder, collection = 'test'): KnowledgeStore {
  return openKnowledgeStore({ dataDir, collection, embedder });
}

/** Awaits a rejection and checks it is a KnowledgeError; fails the test if it resolves or rejects with anything else. */
export async function knowledgeErrorOf(promise: Promise<unknown>): Promise<KnowledgeError> {
  const error = await promise.then(
    () => undefined,
    (rejection: unknown) => rejection,
  );
  expect(error).toBeInstanceOf(KnowledgeError);
  return error as KnowledgeError;
}
