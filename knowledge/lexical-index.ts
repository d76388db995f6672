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
}

interface Posting {
  label: number;
  frequency: number;
}

/** Builds the index; O(total terms). */
export function createLexicalIndex(documents: ReadonlyArray<{ label: number; text: string }>): LexicalIndex {
  const postings = new Map<string, Posting[]>();
  const lengths = new Map<number, number>();
  let totalLength = 0;
  for (const { label, text } of documents) {
    const terms = contentTerms(text);
    lengths.set(label, terms.length);
    totalLength += terms.length;
    for (const [term, frequency] of termFrequencies(terms)) {
      let list = postings.get(term);
      if (!list) postings.set(term, (list = []));
      list.push({ label, frequency });
    }
  }
  const count = documents.length;
  const averageLength = count === 0 ? 1 : Math.max(1, totalLength / count);

  const idf = (term: string): number => {
    const frequency = postings.get(term)?.length ?? 0;
    return Math.log(1 + (count - frequency + 0.5) / (frequency + 0.5));
  };
  const saturation = (frequency: number, length: number): number => (frequency * (k1 + 1)) / (frequency + k1 * (1 - b + (b * length) / averageLength)) / (k1 + 1);
  const queryTerms = (query: string): Array<{ term: string; weight: number }> => [...new Set(contentTerms(query))].map((term) => ({ term, weight: idf(term) }));

  return {
    search(query, k, filter) {
      const terms = queryTerms(query);
      const totalWeight = terms.reduce((sum, { weight }) => sum + weight, 0);
      if (totalWeight === 0 || k <= 0) return [];
      const scores = new Map<number, number>();
      for (const { term, weight } of terms) {
        for (const { label, frequency } of postings.get(term) ?? []) {
          scores.set(label, (scores.get(label) ?? 0) + weight * saturation(frequency, lengths.get(label) ?? 0));
        }
      }
      const ranked: Neighbour[] = [];
      for (const [label, sum] of scores) if (!filter || filter(label)) ranked.push({ label, score: sum / totalWeight });
      return ranked.sort((x, y) => y.score - x.score || x.label - y.label).slice(0, k);
    },
    score(query, label) {
      const terms = queryTerms(query);
      const totalWeight = terms.reduce((sum, { weight }) => sum + weight, 0);
      if (totalWeight === 0) return 0;
      let sum = 0;
      for (const { term, weight } of terms) {
        const posting = postings.get(term)?.find((entry) => entry.label === label);
        if (posting) sum += weight * saturation(posting.frequency, lengths.get(label) ?? 0);
      }
      return sum / totalWeight;
    },
  };
}
