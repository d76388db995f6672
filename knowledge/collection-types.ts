/** The records a collection keeps on disk and the chunk shape retrieval returns. Types only. */
import type { EmbedderStamp } from './embedder.js';

/** One stored chunk: its text, where it came from, who may see it, and its data class. */
export interface ChunkRecord {
  /** Stable within a file version: `<source>#<position>`. */
  id: string;
  /** Label of its vector in the HNSW index. */
  label: number;
  /** Key of its file in the manifest (absolute path). */
  file: string;
  /** The file as people name it (relative to the working folder when inside it). */
  source: string;
  title?: string;
  /** 0-based index of the chunk in its file. */
  position: number;
  text: string;
  tags: string[];
  /** Empty: visible to everyone. */
  accessGroups: string[];
  /** Class under the policy used at ingest. */
  dataClass: string;
  sensitive: boolean;
  /** Entity types found in the chunk (never the values). */
  entityTypes: string[];
  /** Set when classifying the chunk failed; it then carries the fail-closed class. */
  classificationFailed?: true;
}

/** One ingested file, for incremental re-ingest. */
export interface FileRecord {
  source: string;
  /** sha256 of the file's bytes and of the settings that shape its chunks. */
  fingerprint: string;
  labels: number[];
  title?: string;
}

/** What a collection knows about itself; written last, next to its index and chunks. */
export interface CollectionManifest {
  format: 1;
  collection: string;
  embedder: EmbedderStamp;
  policyVersion: string;
  updatedAt: string;
  /** Next free HNSW label (labels are never reused, so a stale reader never mislabels). */
  nextLabel: number;
  /** Labels marked deleted but still in the graph; a rebuild clears them. */
  deletedLabels: number;
  chunkCount: number;
  /** sha256 of the index file: a corrupt index is reported, never loaded into native code. */
  indexSha256: string;
  files: Record<string, FileRecord>;
}

/** A chunk as retrieval returns it: serialisable, it goes into workflow history. */
export interface RetrievedChunk {
  id: string;
  source: string;
  title?: string;
  text: string;
  /** 0..1, higher is better (cosine similarity, or the hybrid blend). */
  score: number;
  dataClass: string;
  sensitive: boolean;
  entityTypes: string[];
}
