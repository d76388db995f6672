/**
 * A LangChain retriever over a Switchyard knowledge collection: the local HNSW store, filtered by
 * the caller's access groups, each Document carrying its chunk's data class. Use it where the
 * collection lives (beside the control worker's knowledge folder); send what it returns through the
 * gateway, which classifies the whole conversation, so a sensitive chunk keeps the request local.
 */
import { BaseRetriever, type BaseRetrieverInput } from '@langchain/core/retrievers';
import { Document } from '@langchain/core/documents';
import { openKnowledgeLibrary, type KnowledgeLibrary } from '../knowledge/knowledge-library.js';

/** What the retriever needs. */
export interface SwitchyardRetrieverFields extends BaseRetrieverInput {
  collection: string;
  /** The caller's groups: chunks restricted to other groups are never returned. */
  accessGroups: string[];
  /** Default 4. */
  topK?: number;
  /** Drop chunks scoring below this (0..1). */
  minScore?: number;
  /** `false` drops chunks of a sensitive data class (for pipelines that do not route through the gateway). Default true. */
  includeSensitive?: boolean;
  /** The collections; default the library under SWITCHYARD_KNOWLEDGE_DIR or .data/knowledge. */
  library?: KnowledgeLibrary;
}

/** Retrieves chunks of one collection as LangChain Documents. */
export class SwitchyardRetriever extends BaseRetriever {
  lc_namespace = ['switchyard', 'retrievers'];
  private readonly fields: SwitchyardRetrieverFields;
  private readonly library: KnowledgeLibrary;

  static override lc_name(): string {
    return 'SwitchyardRetriever';
  }

  constructor(fields: SwitchyardRetrieverFields) {
    super(fields);
    this.fields = fields;
    this.library = fields.library ?? openKnowledgeLibrary(process.env.SWITCHYARD_KNOWLEDGE_DIR ? { dataDir: process.env.SWITCHYARD_KNOWLEDGE_DIR } : {});
  }

  override async _getRelevantDocuments(query: string): Promise<Document[]> {
    const { collection, accessGroups, topK = 4, minScore, includeSensitive = true } = this.fields;
    const store = await this.library.store(collection);
    // Dropping sensitive chunks after the search would shrink the answer: search a wider pool then.
    const pool = includeSensitive ? topK : topK * 4;
    const chunks = await store.search({ query, topK: pool, accessGroups, ...(minScore !== undefined ? { minScore } : {}) });
    return chunks
      .filter((chunk) => includeSensitive || !chunk.sensitive)
      .slice(0, topK)
      .map(
        (chunk) =>
          new Document({
            id: chunk.id,
            pageContent: chunk.text,
            metadata: { source: chunk.source, ...(chunk.title ? { title: chunk.title } : {}), score: chunk.score, dataClass: chunk.dataClass, sensitive: chunk.sensitive, entityTypes: chunk.entityTypes, collection },
          }),
      );
  }
}
