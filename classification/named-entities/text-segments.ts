/**
 * Picks the parts of a text worth handing to the NLP tagger, in bounded chunks. The tagger costs
 * tens of milliseconds per kilobyte, so lines and sentences that cannot hold a name (no capitalised
 * word besides a common sentence starter, no "my name is") are skipped: logs, code, numbers and
 * lower-case chatter cost almost nothing, and every chunk stays short whatever the input size.
 */
import { foldWord } from './name-gazetteer.js';
import { COMMON_WORDS, HONORIFICS } from './non-name-words.js';

/** A slice of the original text: `text === original.slice(start, start + text.length)`. */
export interface TextSegment {
  start: number;
  text: string;
}

/** Default longest chunk handed to the tagger in one call. */
export const DEFAULT_CHUNK_CHARS = 4_000;

// A line break, or sentence punctuation followed by white space.
const SENTENCE_BREAK = /\n|[.!?]+(?=\s)/g;
// The word just before a full stop, read from a bounded window (a regex capturing the word inside
// SENTENCE_BREAK would rescan long letter runs at every position: quadratic).
const WORD_AT_END = /\p{L}{1,12}$/u;
const CAPITALISED_WORD = /\p{Lu}[\p{L}\p{M}'’-]*/gu;
const NAME_CUE = /name|call me|llamo|chiamo|appelle|hei(?:ss|ß)e/iu;

/** The sentences of `text` that may hold a name, grouped into chunks of at most `chunkChars`. */
export function segmentsWorthTagging(text: string, chunkChars: number = DEFAULT_CHUNK_CHARS): TextSegment[] {
  const segments: TextSegment[] = [];
  let chunkStart = -1;
  let chunkEnd = -1;
  const flush = (): void => {
    if (chunkStart >= 0) segments.push(...splitLong(text, chunkStart, chunkEnd, chunkChars));
    chunkStart = -1;
  };
  for (const [start, end] of sentenceRanges(text)) {
    if (!mayHoldName(text.slice(start, end))) {
      flush();
      continue;
    }
    if (chunkStart >= 0 && end - chunkStart > chunkChars) flush();
    if (chunkStart < 0) chunkStart = start;
    chunkEnd = end;
  }
  flush();
  return segments;
}

/** [start, end) ranges that cover the whole text, cut after line breaks and sentence ends. */
function sentenceRanges(text: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  let start = 0;
  for (const match of text.matchAll(SENTENCE_BREAK)) {
    const word = WORD_AT_END.exec(text.slice(Math.max(0, match.index - 13), match.index))?.[0] ?? '';
    // Abbreviations and initials ("Dr.", "M.", "J.") are part of the name that follows.
    if (match[0] !== '\n' && (word.length === 1 || HONORIFICS.has(foldWord(word)))) continue;
    const end = match.index + match[0].length;
    if (end > start) ranges.push([start, end]);
    start = end;
  }
  if (start < text.length) ranges.push([start, text.length]);
  return ranges;
}

/** True when a sentence has a capitalised word other than "I" or a common sentence starter. */
function mayHoldName(sentence: string): boolean {
  let first = true;
  for (const match of sentence.matchAll(CAPITALISED_WORD)) {
    const word = match[0];
    const isFirstWord = first && !/\p{L}/u.test(sentence.slice(0, match.index));
    first = false;
    if (word === 'I' || /^I['’]/.test(word)) continue;
    if (isFirstWord && COMMON_WORDS.has(foldWord(word))) continue;
    return true;
  }
  return NAME_CUE.test(sentence);
}

/** Splits [start, end) into pieces of at most `chunkChars`, cutting at white space when it can. */
function splitLong(text: string, start: number, end: number, chunkChars: number): TextSegment[] {
  const pieces: TextSegment[] = [];
  let from = start;
  while (end - from > chunkChars) {
    let cut = from + chunkChars;
    // Back up to white space so a name is not cut in two; a long run without any is cut hard.
    const searchFrom = from + Math.floor(chunkChars / 2);
    const space = text.slice(searchFrom, cut).lastIndexOf(' ');
    if (space >= 0) cut = searchFrom + space + 1;
    pieces.push({ start: from, text: text.slice(from, cut) });
    from = cut;
  }
  if (end > from) pieces.push({ start: from, text: text.slice(from, end) });
  return pieces;
}
