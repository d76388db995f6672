/**
 * The retrieve activity of the control queue: top-k chunks of a local knowledge collection for a
 * query, filtered by the caller's access groups, each with its score and data class. The workflow
 * raises the prompt's class to the highest class of the chunks it puts in, so a sensitive chunk
 * keeps the request local.
 */
import type { RetrievedChunk } from '../knowledge/collection-types.js';
import type { KnowledgeLibrary } from '../knowledge/knowledge-library.js';
import { reclassifyRetrieved } from '../knowledge/retrieved-class.js';
import type { Policy } from '../routing/policy-schema.js';
import { toApplicationFailure } from './activity-failure.js';

export type { RetrievedChunk } from '../knowledge/collection-types.js';

/** The retrieve activity's input. */
export interface RetrieveRequest {
  collection: string;
  query: string;
  topK: number;
  /** 0..1; chunks scoring lower are left out. Default 0. */
  minScore?: number;
  /** The caller's groups; chunks restricted to other groups are never returned. Default: none. */
  accessGroups?: string[];
}

/** Dependencies of the retrieval activities. */
export interface RetrievalDependencies {
  /** The collections this worker serves (see `openKnowledgeLibrary`). */
  knowledge: KnowledgeLibrary;
  /** When given, each chunk's class is recomputed under this policy (the one the workflow routes by). */
  policy?: Policy;
}

/** Build the retrieval activities around injected stores. */
export function createRetrievalActivities(dependencies: RetrievalDependencies) {
  return {
    /** Top-k visible chunks for a query; failures become typed ApplicationFailures (retryable only when transient). */
    async retrieve(request: RetrieveRequest): Promise<RetrievedChunk[]> {
      try {
        const store = await dependencies.knowledge.store(request.collection);
        const chunks = await store.search({
          query: request.query,
          topK: request.topK,
          ...(request.minScore === undefined ? {} : { minScore: request.minScore }),
          accessGroups: request.accessGroups ?? [],
        });
        return dependencies.policy ? chunks.map((chunk) => reclassifyRetrieved(chunk, dependencies.policy!)) : chunks;
      } catch (error) {
        // KnowledgeErrors and embedder BackendErrors keep their type and retryability.
        throw toApplicationFailure(error);
      }
    },
  };
}

/** The retrieval activities' type, for `proxyActivities` in workflow code. */
export type RetrievalActivities = ReturnType<typeof createRetrievalActivities>;
