/** One generation of a collection loaded into memory: manifest, chunks by label, HNSW graph, BM25 index. */
import { join } from 'node:path';
import type { ChunkRecord, CollectionManifest } from './collection-types.js';
import { generationDirectory, generationFiles, readGeneration } from './collection-storage.js';
import { createLexicalIndex, type LexicalIndex } from './lexical-index.js';
import { searchableText } from './searchable-text.js';
import { loadVectorIndex, type VectorIndex, type VectorIndexParameters } from './vector-index.js';

/** A loaded generation. Immutable once loaded: a new ingest makes a new snapshot. */
export interface CollectionSnapshot {
  generation: string;
  manifest: CollectionManifest;
  chunks: Map<number, ChunkRecord>;
  vectors: VectorIndex;
  /** Built on first use: ingest never needs it. */
  lexical(): LexicalIndex;
}

/** Loads a generation; every inconsistency is a `CorruptIndex` error naming the file. */
export async function loadSnapshot(directory: string, generation: string, parameters: VectorIndexParameters = {}): Promise<CollectionSnapshot> {
  const { manifest, chunks } = await readGeneration(directory, generation);
  const indexFile = join(generationDirectory(directory, generation), generationFiles.index);
  const vectors = await loadVectorIndex(indexFile, manifest.embedder.dimensions, manifest.indexSha256, chunks.length, parameters);
  const byLabel = new Map(chunks.map((chunk) => [chunk.label, chunk]));
  let lexical: LexicalIndex | undefined;
  return {
    generation,
    manifest,
    chunks: byLabel,
    vectors,
    lexical: () => (lexical ??= createLexicalIndex(chunks.map((chunk) => ({ label: chunk.label, text: searchableText(chunk) })))),
  };
}
