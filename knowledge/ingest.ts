/**
 * Ingest: scan → diff against the live generation → prepare new and changed files → write and swap
 * in a new generation. One ingest per collection at a time (a lock file); retrieval is never
 * blocked, and any failure before the final swap leaves the previous knowledge base as it was.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Classifier } from '../classification/classifier.js';
import type { Policy } from '../routing/policy-schema.js';
import { defaultChunkSettings, validateChunkSettings } from './chunker.js';
import { guardCloudEmbedder } from './cloud-embedding-guard.js';
import { loadSnapshot } from './collection-snapshot.js';
import { collectionDirectory, readCurrentGeneration } from './collection-storage.js';
import { writeCollection, type FileAddition } from './collection-writer.js';
import { assertSameEmbedder, type Embedder } from './embedder.js';
import { scanPaths, type SkippedFile } from './file-scanner.js';
import { acquireIngestLock } from './ingest-lock.js';
import { planIngest, settingsKey, type FileReader } from './ingest-plan.js';
import { defaultKnowledgeDir } from './knowledge-store.js';
import { prepareFile } from './prepare-file.js';
import { UnreadableDocumentError } from './unreadable-document-error.js';
import type { VectorIndexParameters } from './vector-index.js';

/** What to ingest, where, and with what. */
export interface IngestOptions {
  paths: string[];
  collection: string;
  embedder: Embedder;
  classifier: Classifier;
  policy: Policy;
  dataDir?: string;
  chunkSize?: number;
  chunkOverlap?: number;
  tags?: string[];
  /** Groups allowed to see these files' chunks; empty = everyone. */
  accessGroups?: string[];
  /** Ignore the live generation (e.g. a corrupt index) and build afresh from `paths`. */
  rebuild?: boolean;
  /** Called after each new or changed file. */
  onProgress?: (progress: { done: number; total: number; source: string }) => void;
  /** Called for each skipped file, as it is skipped. */
  onWarning?: (skipped: SkippedFile) => void;
  /** Defaults to fs.readFile; tests inject failures. */
  readFile?: FileReader;
  vectorParameters?: VectorIndexParameters;
}

/** What an ingest did. */
export interface IngestReport {
  collection: string;
  /** The new generation, or undefined when nothing changed (nothing was written). */
  generation: string | undefined;
  embedder: string;
  files: { added: string[]; changed: string[]; unchanged: string[]; removed: string[]; skipped: SkippedFile[] };
  chunks: { added: number; removed: number; total: number };
  /** Chunks per data class in the whole collection after the ingest. */
  classes: Record<string, number>;
  rebuilt: boolean;
  ms: number;
}

/** Ingests files into a collection; see the module comment for guarantees. */
export async function ingestKnowledge(options: IngestOptions): Promise<IngestReport> {
  const started = performance.now();
  const settings = { chunkSize: options.chunkSize ?? defaultChunkSettings.chunkSize, chunkOverlap: options.chunkOverlap ?? defaultChunkSettings.chunkOverlap };
  validateChunkSettings(settings);
  const tags = options.tags ?? [];
  const accessGroups = options.accessGroups ?? [];
  const directory = collectionDirectory(options.dataDir ?? defaultKnowledgeDir, options.collection);
  const scan = await scanPaths(options.paths);
  for (const skipped of scan.skipped) options.onWarning?.(skipped);
  await mkdir(join(directory, 'generations'), { recursive: true });
  const release = await acquireIngestLock(directory);
  try {
    const current = options.rebuild ? undefined : await readCurrentGeneration(directory);
    const previous = current === undefined ? undefined : await loadSnapshot(directory, current, options.vectorParameters);
    if (previous) assertSameEmbedder(options.collection, previous.manifest.embedder, options.embedder);
    const plan = await planIngest(scan, previous?.manifest, settingsKey({ ...settings, tags, accessGroups }), options.readFile ?? readFile);
    for (const skipped of plan.skipped.slice(scan.skipped.length)) options.onWarning?.(skipped);

    const classification = { classifier: options.classifier, policy: options.policy };
    const embedder = guardCloudEmbedder(options.embedder, classification);
    const additions: FileAddition[] = [];
    const files: IngestReport['files'] = { added: [], changed: [], unchanged: plan.unchanged.map((file) => file.source), removed: [], skipped: plan.skipped };
    for (const [index, file] of plan.toIngest.entries()) {
      try {
        const prepared = await prepareFile(file, file.bytes, { ...settings, tags, accessGroups, classification, embedder });
        additions.push({ key: file.path, source: file.source, fingerprint: file.fingerprint, title: prepared.title, chunks: prepared.chunks });
        files[file.change].push(file.source);
      } catch (error) {
        if (!(error instanceof UnreadableDocumentError)) throw error;
        const kept = file.change === 'changed' ? '; its previously ingested version is kept' : '';
        const skipped = { source: file.source, reason: `${error.message}${kept}` };
        files.skipped.push(skipped);
        options.onWarning?.(skipped);
      }
      options.onProgress?.({ done: index + 1, total: plan.toIngest.length, source: file.source });
    }
    files.removed = plan.removed.map((key) => previous?.manifest.files[key]?.source ?? key);

    const nothingChanged = additions.length === 0 && plan.removed.length === 0;
    if (nothingChanged && previous) {
      return finish(options, files, undefined, [...previous.chunks.values()], { added: 0, removed: 0 }, false, started);
    }
    const removeFiles = [...plan.removed, ...additions.filter((file) => previous?.manifest.files[file.key]).map((file) => file.key)];
    const removedChunks = removeFiles.reduce((sum, key) => sum + (previous?.manifest.files[key]?.labels.length ?? 0), 0);
    const written = await writeCollection(
      directory,
      { collection: options.collection, embedder: options.embedder, policyVersion: options.policy.version, previous, removeFiles, addFiles: additions },
      options.vectorParameters,
    );
    const added = additions.reduce((sum, file) => sum + file.chunks.length, 0);
    return finish(options, files, written.generation, written.chunks, { added, removed: removedChunks }, written.rebuilt, started);
  } finally {
    await release();
  }
}

function finish(
  options: IngestOptions,
  files: IngestReport['files'],
  generation: string | undefined,
  chunks: ReadonlyArray<{ dataClass: string }>,
  counts: { added: number; removed: number },
  rebuilt: boolean,
  started: number,
): IngestReport {
  const classes: Record<string, number> = {};
  for (const chunk of chunks) classes[chunk.dataClass] = (classes[chunk.dataClass] ?? 0) + 1;
  return { collection: options.collection, generation, embedder: options.embedder.id, files, chunks: { ...counts, total: chunks.length }, classes, rebuilt, ms: Math.round(performance.now() - started) };
}
