/**
 * Ranking for a query: vector similarity, BM25, or a blend of both. The blend pools candidates
 * from both (so a chunk one method misses can still win) and scores each as
 * `vectorWeight * cosine + (1 - vectorWeight) * normalisedBm25`: both are 0..1, so the blend is
 * too, and a minimum score means the same thing in every mode.
 */
import type { CollectionSnapshot } from './collection-snapshot.js';
import type { Neighbour } from './vector-index.js';

/** How chunks are ranked. */
export type Scoring = 'hybrid' | 'vector' | 'lexical';

/** Weight of cosine similarity in the hybrid blend (measured on test/knowledge/questions.jsonl). */
const vectorWeight = 0.5;

// Candidates drawn from each method before blending: enough that the blend, not the pool, decides.
const poolFactor = 4;
const minimumPool = 32;

/** The top `k` visible labels with their scores, best first. */
export function fuseScores(
  snapshot: CollectionSnapshot,
  query: string,
  queryVector: readonly number[] | undefined,
  k: number,
  visible: (label: number) => boolean,
  scoring: Scoring,
): Neighbour[] {
  if (scoring === 'lexical') return snapshot.lexical().search(query, k, visible);
  if (!queryVector) throw new Error('a query vector is needed for vector and hybrid scoring');
  if (scoring === 'vector') return snapshot.vectors.search(queryVector, k, visible);

  const pool = Math.max(minimumPool, k * poolFactor);
  const lexical = snapshot.lexical();
  const cosine = new Map(snapshot.vectors.search(queryVector, pool, visible).map(({ label, score }) => [label, score]));
  const candidates = new Set([...cosine.keys(), ...lexical.search(query, pool, visible).map(({ label }) => label)]);
  const lexicalScore = lexical.scorer(query);
  const blended: Neighbour[] = [];
  for (const label of candidates) {
    const similarity = cosine.get(label) ?? dot(queryVector, snapshot.vectors.vector(label));
    blended.push({ label, score: vectorWeight * Math.max(0, similarity) + (1 - vectorWeight) * lexicalScore(label) });
  }
  return blended.sort((a, b) => b.score - a.score || a.label - b.label).slice(0, k);
}

function dot(a: readonly number[], b: readonly number[]): number {
  let sum = 0;
  for (let index = 0; index < a.length; index++) sum += a[index]! * b[index]!;
  return sum;
}
