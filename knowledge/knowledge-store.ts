/**
 * Retrieval over one collection: embed the query, search the HNSW graph (filtered by the caller's
 * access groups inside the search, so hidden chunks never take a top-k slot), optionally blend in
 * BM25, and return chunks with scores and data classes. Follows the collection's CURRENT pointer,
 * so a finished ingest is picked up by the next query without a restart.
 */
import type { ChunkRecord, RetrievedChunk } from './collection-types.js';
import { guardCloudEmbedder, type ClassificationContext } from './cloud-embedding-guard.js';
import { collectionDirectory, readCurrentGeneration } from './collection-storage.js';
import { loadSnapshot, type CollectionSnapshot } from './collection-snapshot.js';
import { assertSameEmbedder, type Embedder } from './embedder.js';
import { fuseScores, type Scoring } from './hybrid-scoring.js';
import { KnowledgeError } from './knowledge-error.js';
import type { VectorIndexParameters } from './vector-index.js';

/** Default folder of all collections. */
export const defaultKnowledgeDir = '.data/knowledge';

/** A retrieval request. */
export interface KnowledgeQuery {
  query: string;
  topK: number;
  /** Drop chunks scoring below this (0..1); default 0. */
  minScore?: number;
  /** The caller's groups; a chunk with groups is visible only to a caller sharing one. Default: none. */
  accessGroups?: readonly string[];
  /** Default `hybrid`. */
  scoring?: Scoring;
}

/** How to open a store. */
export interface KnowledgeStoreOptions {
  collection: string;
  embedder: Embedder;
  dataDir?: string;
  /** Required for a cloud embedder: every query is re-classified before it leaves. */
  classification?: ClassificationContext;
  vectorParameters?: VectorIndexParameters;
}

/** A collection opened for retrieval. */
export interface KnowledgeStore {
  readonly collection: string;
  readonly embedder: Embedder;
  search(query: KnowledgeQuery): Promise<RetrievedChunk[]>;
  /** The live generation, loaded; undefined when nothing was ingested yet. */
  snapshot(): Promise<CollectionSnapshot | undefined>;
}

/** Whether a caller with `groups` may see a chunk. */
function isVisible(chunk: Pick<ChunkRecord, 'accessGroups'>, groups: readonly string[]): boolean {
  return chunk.accessGroups.length === 0 || chunk.accessGroups.some((group) => groups.includes(group));
}

/** Opens (lazily) a collection for retrieval. */
export function openKnowledgeStore(options: KnowledgeStoreOptions): KnowledgeStore {
  const directory = collectionDirectory(options.dataDir ?? defaultKnowledgeDir, options.collection);
  if (options.embedder.location === 'cloud' && !options.classification) {
    throw new KnowledgeError('InvalidOption', `Cloud embedder "${options.embedder.id}" needs a classifier and policy: queries are checked before they leave`);
  }
  const embedder = options.classification ? guardCloudEmbedder(options.embedder, options.classification) : options.embedder;
  let loaded: Promise<CollectionSnapshot> | undefined;
  let loadedGeneration: string | undefined;

  async function snapshot(): Promise<CollectionSnapshot | undefined> {
    const generation = await readCurrentGeneration(directory);
    if (generation === undefined) return undefined;
    if (generation !== loadedGeneration || !loaded) {
      loadedGeneration = generation;
      loaded = loadSnapshot(directory, generation, options.vectorParameters);
      // A failed load must not stick: the next query tries again (e.g. after a re-ingest repairs it).
      loaded.catch(() => {
        if (loadedGeneration === generation) loadedGeneration = undefined;
      });
    }
    return loaded;
  }

  return {
    collection: options.collection,
    embedder: options.embedder,
    snapshot,
    async search(request) {
      if (!Number.isInteger(request.topK) || request.topK < 1) throw new KnowledgeError('InvalidOption', `topK must be a positive integer, got ${request.topK}`);
      const current = await snapshot();
      if (!current) throw new KnowledgeError('UnknownCollection', `Collection "${options.collection}" has no knowledge yet (nothing ingested under ${directory})`);
      assertSameEmbedder(options.collection, current.manifest.embedder, embedder);
      const groups = request.accessGroups ?? [];
      const visible = (label: number): boolean => {
        const chunk = current.chunks.get(label);
        return chunk !== undefined && isVisible(chunk, groups);
      };
      const scoring = request.scoring ?? 'hybrid';
      const [queryVector] = scoring === 'lexical' ? [undefined] : await embedder.embed([request.query]);
      if (queryVector) assertSameEmbedder(options.collection, current.manifest.embedder, embedder, queryVector.length);
      const ranked = fuseScores(current, request.query, queryVector, request.topK, visible, scoring);
      return ranked
        .filter(({ score }) => score >= (request.minScore ?? 0))
        .map(({ label, score }) => toRetrieved(current.chunks.get(label)!, score));
    },
  };
}

function toRetrieved(chunk: ChunkRecord, score: number): RetrievedChunk {
  return {
    id: chunk.id,
    source: chunk.source,
    ...(chunk.title === undefined ? {} : { title: chunk.title }),
    text: chunk.text,
    score: Math.round(score * 10_000) / 10_000,
    dataClass: chunk.dataClass,
    sensitive: chunk.sensitive,
    entityTypes: chunk.entityTypes,
  };
}
