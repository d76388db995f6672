/**
 * Applies an ingest's changes to a copy of the previous generation and commits the result as a new
 * generation. Deletions use hnswlib's `markDelete`: a re-ingest then costs time in proportion to
 * what changed, not to the collection. Tombstones still take part in graph traversal (time, and a
 * little recall), so once they pass a quarter of the graph the index is rebuilt from the live
 * vectors it holds (no re-embedding).
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CollectionSnapshot } from './collection-snapshot.js';
import { commitGeneration, generationFiles } from './collection-storage.js';
import type { ChunkRecord, CollectionManifest, FileRecord } from './collection-types.js';
import type { Embedder } from './embedder.js';
import { KnowledgeError } from './knowledge-error.js';
import type { PreparedChunk } from './prepare-file.js';
import { createVectorIndex, rebuildVectorIndex, type VectorIndexParameters } from './vector-index.js';

/** Share of tombstones in the graph above which a write rebuilds it. */
const rebuildThreshold = 0.25;

/** A file to add (or to replace: its key is also in `removeFiles`). */
export interface FileAddition {
  key: string;
  source: string;
  fingerprint: string;
  title: string;
  chunks: PreparedChunk[];
}

/** Everything one ingest changes. */
export interface CollectionChanges {
  collection: string;
  embedder: Embedder;
  policyVersion: string;
  previous: CollectionSnapshot | undefined;
  removeFiles: string[];
  addFiles: FileAddition[];
}

/** What was written. */
export interface WrittenCollection {
  generation: string;
  manifest: CollectionManifest;
  chunks: ChunkRecord[];
  rebuilt: boolean;
}

/** Builds and commits the next generation; the previous one stays current until the final rename. */
export async function writeCollection(directory: string, changes: CollectionChanges, parameters: VectorIndexParameters = {}): Promise<WrittenCollection> {
  const { previous } = changes;
  const firstVector = changes.addFiles.find((file) => file.chunks.length > 0)?.chunks[0]?.vector;
  const dimensions = previous?.manifest.embedder.dimensions ?? firstVector?.length ?? changes.embedder.dimensions;
  if (dimensions === undefined) throw new KnowledgeError('EmptyInput', `Nothing to store in collection "${changes.collection}": no chunks were produced`);
  const newChunkCount = changes.addFiles.reduce((sum, file) => sum + file.chunks.length, 0);
  let index = previous?.vectors ?? createVectorIndex(dimensions, newChunkCount, parameters);
  const chunks = new Map(previous?.chunks ?? []);
  const files: Record<string, FileRecord> = { ...(previous?.manifest.files ?? {}) };

  for (const key of changes.removeFiles) {
    for (const label of files[key]?.labels ?? []) {
      index.remove(label);
      chunks.delete(label);
    }
    delete files[key];
  }
  let nextLabel = previous?.manifest.nextLabel ?? 0;
  for (const file of changes.addFiles) {
    const labels: number[] = [];
    for (const { record, vector } of file.chunks) {
      const label = nextLabel++;
      index.add(label, vector);
      chunks.set(label, { ...record, label });
      labels.push(label);
    }
    files[file.key] = { source: file.source, fingerprint: file.fingerprint, labels, title: file.title };
  }

  const rebuilt = index.deletedCount > rebuildThreshold * (index.liveCount + index.deletedCount);
  if (rebuilt) index = rebuildVectorIndex(index, [...chunks.keys()], parameters);
  const chunkList = [...chunks.values()].sort((a, b) => a.label - b.label);
  if (chunkList.length === 0) throw new KnowledgeError('EmptyInput', `Nothing to store in collection "${changes.collection}": every file was skipped or removed`);

  let manifest: CollectionManifest | undefined;
  const generation = await commitGeneration(directory, async (folder) => {
    const indexSha256 = await index.save(join(folder, generationFiles.index));
    await writeFile(join(folder, generationFiles.chunks), JSON.stringify(chunkList));
    manifest = {
      format: 1,
      collection: changes.collection,
      embedder: { id: changes.embedder.id, dimensions },
      policyVersion: changes.policyVersion,
      updatedAt: new Date().toISOString(),
      nextLabel,
      deletedLabels: index.deletedCount,
      chunkCount: chunkList.length,
      indexSha256,
      files,
    };
    await writeFile(join(folder, generationFiles.manifest), JSON.stringify(manifest, null, 1));
  });
  return { generation, manifest: manifest!, chunks: chunkList, rebuilt };
}
