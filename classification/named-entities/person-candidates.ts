/**
 * Proposes person-name spans from four sources: the tagger's Person tags, a known given name (or a
 * family-name-first surname) followed by capitalised words, a title ("Dr", "Frau", "M."), and a
 * context cue ("my name is", a signature line). Scoring and filtering happen later.
 */
import type { NameCue } from './context-cues.js';
import type { Candidate, Evidence } from './entity-evidence.js';
import { FAMILY_NAME_FIRST, GIVEN_NAMES, NAME_PARTICLES, SURNAMES } from './name-gazetteer.js';
import { COMMON_WORDS, HONORIFICS, MONTHS_AND_DAYS } from './non-name-words.js';
import type { Token } from './tagged-tokens.js';
import { continuesName, isCapitalised, isCodeLike, possessiveLength } from './token-shapes.js';

/** Longest name, in words, that the rules build (particles included): "Maria de la Cruz Lopez". */
const MAX_NAME_TOKENS = 5;

// Tags that mark a word as grammar, not a name, unless the name lists know it.
const NON_NAME_TAGS = ['Verb', 'Preposition', 'Conjunction', 'Determiner', 'Pronoun', 'Adverb', 'QuestionWord', 'Value', 'Date', 'Adjective'];

/** True when the name lists know the word as a given name or surname. */
function isKnownName(token: Token): boolean {
  return GIVEN_NAMES.has(token.folded) || SURNAMES.has(token.folded);
}

/** True when a word may be part of a name: letters only, not code, not a month, not grammar. */
function isNameWord(token: Token, text: string, lowerCaseAllowed = false): boolean {
  if (!/^[\p{L}\p{M}'’]+$/u.test(token.text) || isCodeLike(token, text)) return false;
  if (MONTHS_AND_DAYS.has(token.folded) || HONORIFICS.has(token.folded)) return false;
  if (!isCapitalised(token) && !(lowerCaseAllowed && isKnownName(token))) return false;
  if (isKnownName(token)) return !COMMON_WORDS.has(token.folded) || SURNAMES.has(token.folded);
  return !COMMON_WORDS.has(token.folded) && !NON_NAME_TAGS.some((tag) => token.tags.has(tag));
}

/** All person candidates in text order (overlapping ones are joined later). */
export function personCandidates(text: string, tokens: readonly Token[], cues: readonly NameCue[]): Candidate[] {
  const found: Candidate[] = [];
  const add = (first: number, last: number, evidence: Evidence[]): void => {
    const lastToken = tokens[last]!;
    found.push({
      type: 'PERSON',
      start: tokens[first]!.start,
      end: lastToken.end - possessiveLength(lastToken.text),
      firstToken: first,
      lastToken: last,
      evidence: new Set(evidence),
    });
  };
  for (let index = 0; index < tokens.length; index++) {
    if (!isTaggedPerson(tokens[index]!)) continue;
    let last = index;
    for (;;) {
      const next = tokens[last + 1];
      const after = tokens[last + 2];
      if (next && isTaggedPerson(next) && continuesName(text, tokens[last]!, next)) last++;
      // "Ludwig van Beethoven": a lower-case particle between two tagged name words.
      else if (next && after && NAME_PARTICLES.has(next.folded) && isTaggedPerson(after) && continuesName(text, tokens[last]!, next) && continuesName(text, next, after)) last += 2;
      else break;
    }
    // The tagger misses some titles ("Herr", "M."): a title is context, not part of the name.
    let first = index;
    while (first < last && isHonorific(text, tokens[first]!, tokens[first + 1]!)) first++;
    add(first, last, ['tagger']);
    index = last;
  }
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index]!;
    if (startsKnownName(text, tokens, index)) add(index, extendName(text, tokens, index), []);
    const next = tokens[index + 1];
    if (next && isHonorific(text, token, next) && isNameWord(next, text)) add(index + 1, extendName(text, tokens, index + 1), ['honorific']);
  }
  for (const cue of cues) {
    const first = firstTokenAt(tokens, cue.at);
    const token = tokens[first];
    if (!token || /\S/.test(text.slice(cue.at, token.start)) || !isNameWord(token, text, cue.lowerCaseAllowed)) continue;
    const last = extendName(text, tokens, first, cue.lowerCaseAllowed);
    // A signature line holds only the name (trailing punctuation aside).
    if (cue.mustEndLine && /[^\s,.;]/.test(lineRest(text, tokens[last]!.end))) continue;
    add(first, last, [cue.evidence]);
  }
  return found;
}

/** True when the token is tagged as part of a person's name (titles excluded: they are not the name). */
function isTaggedPerson(token: Token): boolean {
  // The tagger also tags lower-case words after a name ("Can Ali review?"): names are capitalised.
  return token.tags.has('Person') && !token.tags.has('Honorific') && isCapitalised(token);
}

/** A capitalised known given name, or a family name that comes first ("Zhang Wei"), starts a name. */
function startsKnownName(text: string, tokens: readonly Token[], index: number): boolean {
  const token = tokens[index]!;
  if (!isCapitalised(token) || !(GIVEN_NAMES.has(token.folded) || FAMILY_NAME_FIRST.has(token.folded))) return false;
  if (!isNameWord(token, text) && !COMMON_WORDS.has(token.folded)) return false;
  if (!COMMON_WORDS.has(token.folded)) return true;
  // "Can Ali review?": at a sentence start a common word is the sentence, not a name.
  if (token.sentenceStart) return false;
  // "Grace", "Will", "He": only when another known name follows ("Grace Hopper" is the tagger's job).
  const next = tokens[index + 1];
  return next !== undefined && continuesName(text, token, next) && isKnownName(next) && !COMMON_WORDS.has(next.folded) && isCapitalised(next);
}

/** Index of the last token of the name that starts at `first`: capitalised words and inner particles. */
function extendName(text: string, tokens: readonly Token[], first: number, lowerCaseAllowed = false): number {
  let last = first;
  while (last - first + 1 < MAX_NAME_TOKENS) {
    const next = tokens[last + 1];
    if (!next || !continuesName(text, tokens[last]!, next)) break;
    // The lower-case half of a hyphenated name: "Min-jun", "Abdul-rahman".
    const hyphenatedPart = text.slice(tokens[last]!.end, next.start) === '-' && /^\p{Ll}+$/u.test(next.text);
    if (hyphenatedPart || isNameWord(next, text, lowerCaseAllowed)) {
      last++;
      continue;
    }
    // "van", "de la", "bin": only inside a name, so a capitalised word must follow.
    const after = tokens[last + 2];
    if (NAME_PARTICLES.has(next.folded) && after && continuesName(text, next, after) && isNameWord(after, text)) {
      last += 2;
      continue;
    }
    break;
  }
  return last;
}

/** True for a title before a name: "Dr Patel", "Dr. Patel", "Frau Weiß", "M. Lefèvre" (a bare "M" needs its dot). */
export function isHonorific(text: string, token: Token, next: Token): boolean {
  if (!isCapitalised(token) || !HONORIFICS.has(token.folded)) return false;
  const gap = text.slice(token.end, next.start);
  if (token.text === 'M') return /^\.[ \t]{1,2}$/.test(gap);
  return /^\.?[ \t]{1,2}$/.test(gap);
}

/** Index of the first token starting at or after `offset` (tokens are in text order). */
function firstTokenAt(tokens: readonly Token[], offset: number): number {
  let low = 0;
  let high = tokens.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (tokens[middle]!.start < offset) low = middle + 1;
    else high = middle;
  }
  return low;
}

function lineRest(text: string, from: number): string {
  const newline = text.indexOf('\n', from);
  return text.slice(from, newline < 0 ? Math.min(text.length, from + 200) : Math.min(newline, from + 200));
}
