/** One file's way into a collection: parse, chunk, classify each chunk, embed. Nothing is written here. */
import type { ChunkSettings } from './chunker.js';
import { chunkDocument } from './chunker.js';
import { classifyChunks } from './chunk-classification.js';
import type { ClassificationContext } from './cloud-embedding-guard.js';
import type { ChunkRecord } from './collection-types.js';
import { parseDocument } from './document-parser.js';
import type { Embedder } from './embedder.js';
import type { ScannedFile } from './file-scanner.js';
import { KnowledgeError } from './knowledge-error.js';
import { searchableText } from './searchable-text.js';

/** A chunk ready to store, lacking only its HNSW label. */
export interface PreparedChunk {
  record: Omit<ChunkRecord, 'label'>;
  vector: number[];
}

/** What a file becomes. */
export interface PreparedFile {
  title: string;
  chunks: PreparedChunk[];
}

/** Settings shared by every file of one ingest. */
export interface PrepareSettings extends ChunkSettings {
  tags: string[];
  accessGroups: string[];
  classification: ClassificationContext;
  embedder: Embedder;
}

/** Prepares one file; an UnreadableDocumentError means "skip it", a KnowledgeError aborts the ingest. */
export async function prepareFile(file: ScannedFile, bytes: Uint8Array, settings: PrepareSettings): Promise<PreparedFile> {
  const document = await parseDocument(bytes, file.format, file.path);
  const pieces = await chunkDocument(document.text, file.format, settings);
  const classes = await classifyChunks(document.text, pieces, settings.classification);
  const records = pieces.map((piece, position): Omit<ChunkRecord, 'label'> => {
    const verdict = classes[position]!;
    return {
      id: `${file.source}#${position}`,
      file: file.path,
      source: file.source,
      title: document.title,
      position,
      text: piece.text,
      tags: settings.tags,
      accessGroups: settings.accessGroups,
      dataClass: verdict.dataClass,
      sensitive: verdict.sensitive,
      entityTypes: verdict.entityTypes,
      ...(verdict.failed ? { classificationFailed: true as const } : {}),
    };
  });
  const sensitive = records.find((record) => record.sensitive);
  if (sensitive && settings.embedder.location === 'cloud') {
    // Checked before anything is sent, and the guard around the embedder checks again per text.
    throw new KnowledgeError(
      'SensitiveToCloud',
      `${file.source} holds ${sensitive.dataClass} content (${sensitive.entityTypes.join(', ') || 'classification failed'}); ` +
        `cloud embedder "${settings.embedder.id}" may only build collections whose chunks are all non-sensitive. Use a local embedder (lexical or ollama:<model>).`,
    );
  }
  const vectors = records.length === 0 ? [] : await settings.embedder.embed(records.map(searchableText));
  return { title: document.title, chunks: records.map((record, index) => ({ record, vector: vectors[index]! })) };
}
