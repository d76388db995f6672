/**
 * An in-memory BM25 index over chunk texts, rebuilt from the chunk file when a collection loads.
 * Its scores are normalised to 0..1 as "the share of the query's information (IDF mass) that the
 * chunk matches, with BM25's saturation", so they can be blended with cosine similarity and a
 * query about something absent from the collection scores low instead of "best of a bad lot".
 */
import { contentTerms, termFrequencies } from './text-terms.js';
import type { Neighbour } from './vector-index.js';

const k1 = 1.2;
const b = 0.75;

/** A BM25 index of labelled texts. */
export interface LexicalIndex {
  /** Top `k` labels by normalised BM25 score (only those matching at least one term). */
  search(query: string, k: number, filter?: (label: number) => boolean): Neighbour[];
  /** Normalised BM25 score of one label for a query (0 when nothing matches). */
  score(query: string, label: number): number;
  /** `score` for one query and many labels: the query is cut into terms and weighed once. */
  scorer(query: string): (label: number) => number;
}

/** Builds the index; O(total terms). */
export function createLexicalIndex(documents: ReadonlyArray<{ label: number; text: string }>): LexicalIndex {
  // Dense positions let a query accumulate scores in one typed array instead of a Map per query.
  const labels = documents.map((document) => document.label);
  const positions = new Map(labels.map((label, position) => [label, position]));
  const lengths = new Float64Array(documents.length);
  const frequencies: Array<Map<string, number>> = [];
  // Posting lists as parallel arrays (positions, frequencies): the hot loop does no Map lookups.
  const postings = new Map<string, { positions: number[]; frequencies: number[] }>();
  documents.forEach(({ text }, position) => {
    const terms = contentTerms(text);
    lengths[position] = terms.length;
    const counts = termFrequencies(terms);
    frequencies.push(counts);
    for (const [term, frequency] of counts) {
      let list = postings.get(term);
      if (!list) postings.set(term, (list = { positions: [], frequencies: [] }));
      list.positions.push(position);
      list.frequencies.push(frequency);
    }
  });
  const count = documents.length;
  const averageLength = count === 0 ? 1 : Math.max(1, lengths.reduce((sum, value) => sum + value, 0) / count);

  const saturation = (frequency: number, length: number): number => (frequency * (k1 + 1)) / (frequency + k1 * (1 - b + (b * length) / averageLength)) / (k1 + 1);
  const queryTerms = (query: string): { terms: Array<{ term: string; weight: number }>; total: number } => {
    const terms = [...new Set(contentTerms(query))].map((term) => {
      const documentFrequency = postings.get(term)?.positions.length ?? 0;
      return { term, weight: Math.log(1 + (count - documentFrequency + 0.5) / (documentFrequency + 0.5)) };
    });
    return { terms, total: terms.reduce((sum, { weight }) => sum + weight, 0) };
  };

  const scorer = (query: string): ((label: number) => number) => {
    const { terms, total } = queryTerms(query);
    return (label) => {
      const position = positions.get(label);
      if (total === 0 || position === undefined) return 0;
      let sum = 0;
      for (const { term, weight } of terms) {
        const frequency = frequencies[position]!.get(term);
        if (frequency) sum += weight * saturation(frequency, lengths[position]!);
      }
      return sum / total;
    };
  };

  return {
    search(query, k, filter) {
      const { terms, total } = queryTerms(query);
      if (total === 0 || k <= 0) return [];
      const scores = new Float64Array(count);
      const touched: number[] = [];
      for (const { term, weight } of terms) {
        const list = postings.get(term);
        if (!list) continue;
        for (let index = 0; index < list.positions.length; index++) {
          const position = list.positions[index]!;
          if (scores[position] === 0) touched.push(position);
          scores[position]! += weight * saturation(list.frequencies[index]!, lengths[position]!);
        }
      }
      // Keep only the best k while scanning: sorting every matching chunk is the slow part on large collections.
      const best: Neighbour[] = [];
      for (const position of touched) {
        const score = scores[position]! / total;
        if (best.length === k && score <= best[k - 1]!.score) continue;
        const label = labels[position]!;
        if (filter && !filter(label)) continue;
        let at = best.length;
        while (at > 0 && (best[at - 1]!.score < score || (best[at - 1]!.score === score && best[at - 1]!.label > label))) at--;
        best.splice(at, 0, { label, score });
        if (best.length > k) best.pop();
      }
      return best;
    },
    score(query, label) {
      return scorer(query)(label);
    },
    scorer,
  };
}
