/**
 * Runs the NLP tagger (compromise, its English model ships inside the package) over the parts of
 * a text that may hold names, and returns its tokens with exact UTF-16 offsets in the original.
 * compromise's `/two` build is used: it has the part-of-speech and name tags and is about twice as
 * fast as the full build, whose people/places/organisation finders add nothing we need.
 */
import nlp from 'compromise/two';
import { foldWord } from './name-gazetteer.js';
import { DEFAULT_CHUNK_CHARS, segmentsWorthTagging } from './text-segments.js';

/** One word as the tagger saw it, located in the original text. */
export interface Token {
  /** Exactly `original.slice(start, end)`. */
  text: string;
  start: number;
  end: number;
  /** Lower case, no diacritics, no possessive: the form the word lists use. */
  folded: string;
  /** compromise tags: Person, FirstName, LastName, Honorific, Place, Organization, Verb, ... */
  tags: ReadonlySet<string>;
  /** First word of a sentence or of a line, where capitals prove nothing. */
  sentenceStart: boolean;
}

const NO_TAGS: ReadonlySet<string> = new Set();

/** Tags the text chunk by chunk and returns the tokens in text order. */
export function tagTokens(text: string, chunkChars: number = DEFAULT_CHUNK_CHARS): Token[] {
  const tokens: Token[] = [];
  for (const segment of segmentsWorthTagging(text, chunkChars)) {
    let cursor = 0;
    for (const sentence of nlp(segment.text).docs) {
      let first = true;
      for (const term of sentence) {
        // Find the term in our own copy rather than trusting derived offsets: compromise keeps
        // each term's text verbatim, and a bounded search keeps a surprise from costing O(n²).
        const window = segment.text.slice(cursor, cursor + term.pre.length + term.text.length + 16);
        const found = term.text.length > 0 ? window.indexOf(term.text) : -1;
        if (found < 0) continue;
        const start = segment.start + cursor + found;
        const end = start + term.text.length;
        const lineStart = /\n\s*$/.test(text.slice(Math.max(0, start - 8), start)) || start === 0;
        tokens.push({
          text: term.text,
          start,
          end,
          folded: foldWord(term.text),
          tags: term.tags ?? NO_TAGS,
          sentenceStart: first || lineStart,
        });
        cursor += found + term.text.length;
        first = false;
      }
    }
  }
  return tokens;
}
