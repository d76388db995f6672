/**
 * The embedding seam: every embedder (the built-in lexical one, Ollama, OpenAI-compatible) turns
 * texts into unit vectors behind this one interface. A collection records the `id` and dimensions
 * of the embedder that built it and refuses queries embedded by any other.
 */
import { KnowledgeError } from './knowledge-error.js';

/** Where an embedder sends the text: `cloud` embedders never see a sensitive chunk or query. */
export type EmbedderLocation = 'local' | 'cloud';

/** An embedder: texts in, one L2-normalised vector per text out, in the same order. */
export interface Embedder {
  /** Names the vector space, e.g. `lexical-v1/512` or `ollama/nomic-embed-text`; equal ids mean comparable vectors. */
  readonly id: string;
  readonly location: EmbedderLocation;
  /** Known up front for the lexical embedder; model servers reveal it with their first answer. */
  readonly dimensions?: number;
  embed(texts: readonly string[]): Promise<number[][]>;
}

/** What a collection records about the embedder that built it. */
export interface EmbedderStamp {
  id: string;
  dimensions: number;
}

/** Scales a vector to unit length in place (a zero vector stays zero) and returns it. */
export function normalise(vector: number[]): number[] {
  let sum = 0;
  for (const value of vector) sum += value * value;
  if (sum === 0) return vector;
  const scale = 1 / Math.sqrt(sum);
  for (let index = 0; index < vector.length; index++) vector[index]! *= scale;
  return vector;
}

/** Checks a model server's answer (count, equal lengths, finite numbers) and normalises it. */
export function checkedEmbeddings(embedderId: string, answer: unknown, expectedCount: number): number[][] {
  if (!Array.isArray(answer) || answer.length !== expectedCount) {
    throw new KnowledgeError('InvalidEmbedding', `Embedder "${embedderId}" returned ${Array.isArray(answer) ? answer.length : 'no'} vectors for ${expectedCount} texts`);
  }
  const dimensions = (answer[0] as unknown[] | undefined)?.length ?? 0;
  return answer.map((vector: unknown, index) => {
    if (!Array.isArray(vector) || vector.length !== dimensions || dimensions === 0 || !vector.every((value) => typeof value === 'number' && Number.isFinite(value))) {
      throw new KnowledgeError('InvalidEmbedding', `Embedder "${embedderId}" returned a malformed vector at position ${index} (expected ${dimensions} finite numbers)`);
    }
    return normalise([...(vector as number[])]);
  });
}

/** Throws unless `embedder` is the one that built a collection (same id, same dimensions). */
export function assertSameEmbedder(collection: string, stamp: EmbedderStamp, embedder: Embedder, dimensions?: number): void {
  const actual = dimensions ?? embedder.dimensions;
  if (stamp.id !== embedder.id || (actual !== undefined && actual !== stamp.dimensions)) {
    throw new KnowledgeError(
      'EmbedderMismatch',
      `Collection "${collection}" was built by embedder "${stamp.id}" (${stamp.dimensions} dimensions); ` +
        `it cannot be searched or extended with "${embedder.id}"${actual === undefined ? '' : ` (${actual} dimensions)`}. ` +
        'Use the same embedder, or ingest into a new collection.',
    );
  }
}
