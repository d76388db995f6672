/** The lexical pieces: terms, the hashed lexical vector and normalised BM25. */
import { describe, expect, it } from 'vitest';
import { createLexicalIndex } from '../../knowledge/lexical-index.js';
import { lexicalVector } from '../../knowledge/lexical-embedder.js';
import { contentTerms, stem } from '../../knowledge/text-terms.js';

const dot = (a: number[], b: number[]): number => a.reduce((sum, value, index) => sum + value * b[index]!, 0);

describe('terms', () => {
  it('drops stop words, folds case and accents, and strips common suffixes the same way for queries and passages', () => {
    expect(contentTerms('How many Expenses are reimbursed for the Café?')).toEqual(['expense', 'reimburs', 'cafe']);
    expect(['policies', 'laptops', 'booking', 'boxes', 'analysis'].map(stem)).toEqual(['policy', 'laptop', 'book', 'box', 'analysis']);
  });
});

describe('lexical vector', () => {
  it('is unit length, deterministic, and closer for texts sharing words and phrases', () => {
    const leave = lexicalVector('Annual leave: 27 days per year.', 512);
    expect(Math.hypot(...leave)).toBeCloseTo(1, 10);
    expect(lexicalVector('Annual leave: 27 days per year.', 512)).toEqual(leave);
    const question = lexicalVector('how many days of annual leave', 512);
    const other = lexicalVector('Forklift drivers wear vests.', 512);
    expect(dot(leave, question)).toBeGreaterThan(dot(leave, other));
  });

  it('is the zero vector for a text of stop words only', () => {
    expect(lexicalVector('the and of', 64).every((value) => value === 0)).toBe(true);
  });
});

describe('normalised BM25', () => {
  const index = createLexicalIndex([
    { label: 1, text: 'hotel limit in capital cities is 180 euros' },
    { label: 2, text: 'train first class allowed for long journeys' },
    { label: 3, text: 'hotel breakfast included' },
  ]);

  it('ranks by matched information and stays within 0..1', () => {
    const hits = index.search('hotel limit capital', 3);
    expect(hits.map((hit) => hit.label)).toEqual([1, 3]);
    for (const hit of hits) {
      expect(hit.score).toBeGreaterThan(0);
      expect(hit.score).toBeLessThan(1);
    }
    expect(index.score('hotel limit capital', 1)).toBeCloseTo(hits[0]!.score, 10);
  });

  it('scores lower when the query asks about something the collection lacks', () => {
    expect(index.score('hotel limit capital submarine', 1)).toBeLessThan(index.score('hotel limit capital', 1));
  });

  it('applies the filter and returns nothing for a query without content words', () => {
    expect(index.search('hotel', 3, (label) => label !== 1).map((hit) => hit.label)).toEqual([3]);
    expect(index.search('the of and', 3)).toEqual([]);
  });
});
