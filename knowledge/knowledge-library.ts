/**
 * Every collection under one data folder, opened on demand with the embedder that built it (read
 * from its manifest), so a worker serves collections ingested after it started, and a collection
 * rebuilt with another embedder is reopened with that one.
 */
import { readdir } from 'node:fs/promises';
import type { ClassificationContext } from './cloud-embedding-guard.js';
import { collectionDirectory, readCurrentGeneration, readManifest } from './collection-storage.js';
import type { Embedder, EmbedderStamp } from './embedder.js';
import { createEmbedderFromSpec } from './embedder-spec.js';
import { KnowledgeError } from './knowledge-error.js';
import { defaultKnowledgeDir, openKnowledgeStore, type KnowledgeStore } from './knowledge-store.js';
import type { VectorIndexParameters } from './vector-index.js';

/** Named collections, opened when first asked for. */
export interface KnowledgeLibrary {
  /** The store of a collection; an unknown name throws `UnknownCollection` listing the known ones. */
  store(collection: string): Promise<KnowledgeStore>;
  /** Names of the collections that hold knowledge. */
  collections(): Promise<string[]>;
}

/** How to open the library. */
export interface KnowledgeLibraryOptions {
  dataDir?: string;
  /** Needed to serve collections built by a cloud embedder (queries are re-classified). */
  classification?: ClassificationContext;
  /** Maps a collection's recorded embedder to an instance; default `embedderForStamp`. */
  embedderFor?: (stamp: EmbedderStamp) => Embedder;
  vectorParameters?: VectorIndexParameters;
}

/** The embedder an embedder id names: `lexical-v1/<n>`, `ollama/<model>`, `openai/<model>` (config from the environment). */
function embedderForStamp(stamp: EmbedderStamp): Embedder {
  const lexical = /^lexical-v1\/(\d+)$/.exec(stamp.id);
  if (lexical) return createEmbedderFromSpec(`lexical:${lexical[1]}`);
  const slash = stamp.id.indexOf('/');
  if (slash > 0) return createEmbedderFromSpec(`${stamp.id.slice(0, slash)}:${stamp.id.slice(slash + 1)}`);
  throw new KnowledgeError('EmbedderMismatch', `No embedder is known for id "${stamp.id}"`);
}

/** Opens the collections under `dataDir` (default .data/knowledge). */
export function openKnowledgeLibrary(options: KnowledgeLibraryOptions = {}): KnowledgeLibrary {
  const dataDir = options.dataDir ?? defaultKnowledgeDir;
  const embedderFor = options.embedderFor ?? embedderForStamp;
  // The generation each store was last checked against: its manifest is read only when CURRENT moves.
  const stores = new Map<string, { store: KnowledgeStore; generation: string }>();

  async function collections(): Promise<string[]> {
    const names = await readdir(dataDir).catch(() => [] as string[]);
    const live: string[] = [];
    for (const name of names.sort()) {
      let directory: string;
      try {
        directory = collectionDirectory(dataDir, name);
      } catch {
        continue; // A name no collection can have (e.g. a hidden file): skip it.
      }
      if (await readCurrentGeneration(directory).catch(() => undefined)) live.push(name);
    }
    return live;
  }

  return {
    collections,
    async store(collection) {
      const directory = collectionDirectory(dataDir, collection);
      const generation = await readCurrentGeneration(directory);
      if (generation === undefined) {
        throw new KnowledgeError('UnknownCollection', `Unknown knowledge collection "${collection}" under ${dataDir}; known: ${(await collections()).join(', ') || '(none; run switchyard ingest)'}`);
      }
      const cached = stores.get(collection);
      if (cached?.generation === generation) return cached.store;
      const manifest = await readManifest(directory, generation);
      if (cached && cached.store.embedder.id === manifest.embedder.id) {
        cached.generation = generation;
        return cached.store;
      }
      const store = openKnowledgeStore({
        collection,
        dataDir,
        embedder: embedderFor(manifest.embedder),
        ...(options.classification ? { classification: options.classification } : {}),
        ...(options.vectorParameters ? { vectorParameters: options.vectorParameters } : {}),
      });
      stores.set(collection, { store, generation });
      return store;
    },
  };
}
