/**
 * Splits a document into overlapping chunks with LangChain's recursive splitters (Markdown-aware
 * for Markdown: headings and paragraphs first, then sentences, then words) and finds each chunk's
 * offsets in the document, which classification needs to look across chunk boundaries.
 */
import { RecursiveCharacterTextSplitter } from '@langchain/textsplitters';
import type { DocumentFormat } from './file-scanner.js';
import { KnowledgeError } from './knowledge-error.js';

/** Chunking settings, in characters. */
export interface ChunkSettings {
  chunkSize: number;
  chunkOverlap: number;
}

/** Defaults: a chunk holds a paragraph or two, the overlap a sentence or so. */
export const defaultChunkSettings: ChunkSettings = { chunkSize: 800, chunkOverlap: 120 };

/** A chunk and where it sits in the document (`start` is -1 when the splitter changed the text). */
export interface TextChunk {
  text: string;
  start: number;
  end: number;
}

/** Throws InvalidOption unless 50 <= size and 0 <= overlap < size. */
export function validateChunkSettings(settings: ChunkSettings): void {
  const { chunkSize, chunkOverlap } = settings;
  if (!Number.isInteger(chunkSize) || chunkSize < 50) throw new KnowledgeError('InvalidOption', `chunkSize must be an integer of at least 50 characters, got ${chunkSize}`);
  if (!Number.isInteger(chunkOverlap) || chunkOverlap < 0 || chunkOverlap >= chunkSize) {
    throw new KnowledgeError('InvalidOption', `chunkOverlap must be an integer from 0 to chunkSize - 1 (${chunkSize - 1}), got ${chunkOverlap}`);
  }
}

/** Chunks of a document's text, in order. */
export async function chunkDocument(text: string, format: DocumentFormat, settings: ChunkSettings): Promise<TextChunk[]> {
  validateChunkSettings(settings);
  const splitter =
    format === 'markdown'
      ? RecursiveCharacterTextSplitter.fromLanguage('markdown', settings)
      : new RecursiveCharacterTextSplitter({ ...settings, separators: ['\n\n', '\n', '. ', '? ', '! ', '; ', ', ', ' ', ''] });
  const pieces = (await splitter.splitText(text)).filter((piece) => piece.trim() !== '');
  const chunks: TextChunk[] = [];
  let cursor = 0;
  for (const piece of pieces) {
    // Chunks come in order and overlap, so each starts at or after the previous start.
    const start = text.indexOf(piece, cursor);
    if (start >= 0) cursor = start + 1;
    chunks.push({ text: piece, start, end: start < 0 ? -1 : start + piece.length });
  }
  return chunks;
}
