/**
 * The embedded default embedder: no model, no download, no network. Words, word prefixes and
 * adjacent word pairs are hashed into a fixed-size vector (the "hashing trick") with BM25's
 * saturating term frequency as weight, then L2-normalised, so cosine similarity rewards shared
 * content words and shared phrases. Deterministic: the same text gives the same vector anywhere.
 */
import { normalise, type Embedder } from './embedder.js';
import { contentTerms, termFrequencies } from './text-terms.js';

/** Options of the lexical embedder. */
export interface LexicalEmbedderOptions {
  /** Vector size; more dimensions mean fewer hash collisions. Default 512. */
  dimensions?: number;
}

// BM25's k1: the 2nd occurrence of a word adds much, the 10th little.
const k1 = 1.2;
// Phrases are rarer evidence than single words but stronger; prefixes catch "reimburse"/"reimbursement".
const pairWeight = 0.6;
const prefixWeight = 0.35;
const prefixLength = 6;

/** Creates the lexical embedder; its id names the feature set and size (`lexical-v1/512`). */
export function createLexicalEmbedder(options: LexicalEmbedderOptions = {}): Embedder {
  const dimensions = options.dimensions ?? 512;
  if (!Number.isInteger(dimensions) || dimensions < 16) throw new RangeError(`Lexical embedder dimensions must be an integer >= 16, got ${dimensions}`);
  return {
    id: `lexical-v1/${dimensions}`,
    location: 'local',
    dimensions,
    async embed(texts) {
      return texts.map((text) => lexicalVector(text, dimensions));
    },
  };
}

/** The lexical vector of one text. */
export function lexicalVector(text: string, dimensions: number): number[] {
  const vector = new Array<number>(dimensions).fill(0);
  const terms = contentTerms(text);
  const features = new Map<string, number>();
  for (const [term, count] of termFrequencies(terms)) {
    addFeature(features, `w:${term}`, saturate(count));
    if (term.length > prefixLength + 1) addFeature(features, `p:${term.slice(0, prefixLength)}`, prefixWeight * saturate(count));
  }
  const pairs = termFrequencies(terms.slice(1).map((term, index) => `${terms[index]} ${term}`));
  for (const [pair, count] of pairs) addFeature(features, `b:${pair}`, pairWeight * saturate(count));
  for (const [feature, weight] of features) {
    const hash = fnv1a(feature);
    // A sign from another bit of the hash makes colliding features cancel on average instead of piling up.
    vector[hash % dimensions]! += (hash & 0x80000000) === 0 ? weight : -weight;
  }
  return normalise(vector);
}

function saturate(count: number): number {
  return (count * (k1 + 1)) / (count + k1);
}

function addFeature(features: Map<string, number>, feature: string, weight: number): void {
  features.set(feature, (features.get(feature) ?? 0) + weight);
}

// 32-bit FNV-1a over UTF-16 code units: fast, stable across platforms and Node versions.
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
