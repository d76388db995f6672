/**
 * The second look at a joined candidate: add the evidence its words carry (known given name,
 * surname, several words, a title before it) and reject the shapes that are never names
 * (numbers, code identifiers, months, products, sentence-initial common words).
 */
import { CONTEXT_EVIDENCE, type Candidate } from './entity-evidence.js';
import { GIVEN_NAMES, NAME_PARTICLES, SURNAMES } from './name-gazetteer.js';
import { COMMON_ACRONYMS, COMMON_WORDS, EPONYMOUS_METHODS, MONTHS_AND_DAYS, ORGANIZATION_SUFFIXES, PRODUCT_AND_TECH_NAMES } from './non-name-words.js';
import { isHonorific } from './person-candidates.js';
import type { Token } from './tagged-tokens.js';
import { isCodeLike } from './token-shapes.js';

/** The span's words, without lower-case particles ("van", "de"). */
function wordsOf(candidate: Candidate, tokens: readonly Token[]): Token[] {
  return tokens
    .slice(candidate.firstToken, candidate.lastToken + 1)
    .filter((token) => !(NAME_PARTICLES.has(token.folded) && token.text === token.text.toLowerCase()));
}

/** Adds the evidence found in the span's own words and the word before it. */
export function addWordEvidence(candidate: Candidate, tokens: readonly Token[], text: string): void {
  const words = wordsOf(candidate, tokens);
  if (words.length >= 2) candidate.evidence.add('several-words');
  if (candidate.type !== 'PERSON') return;
  // A name-list hit on a common word ("Grace", "Young") proves nothing by itself.
  const givenIndex = words.findIndex((word) => GIVEN_NAMES.has(word.folded) && !COMMON_WORDS.has(word.folded));
  if (givenIndex >= 0) candidate.evidence.add('given-name');
  const hasSurname = words.some(
    (word, index) => index !== givenIndex && SURNAMES.has(word.folded) && (words.length > 1 || !COMMON_WORDS.has(word.folded)),
  );
  if (hasSurname) candidate.evidence.add('surname');
  const before = tokens[candidate.firstToken - 1];
  const first = tokens[candidate.firstToken];
  if (before && first && isHonorific(text, before, first)) candidate.evidence.add('honorific');
}

/** True for spans that are never a name, whatever the tagger said. */
export function isFalsePositive(candidate: Candidate, tokens: readonly Token[], text: string): boolean {
  const span = text.slice(candidate.start, candidate.end);
  const letters = span.match(/\p{L}/gu)?.length ?? 0;
  if (letters < 2 || /\d/.test(span)) return true;
  const words = wordsOf(candidate, tokens);
  // "GmbH" is camelCase by shape but a legal form, not code.
  if (words.length === 0 || words.some((word) => !ORGANIZATION_SUFFIXES.has(word.folded) && isCodeLike(word, text))) return true;
  if (words.length === 1 && (MONTHS_AND_DAYS.has(words[0]!.folded) || PRODUCT_AND_TECH_NAMES.has(words[0]!.folded))) return true;
  if (isPartOfEponymousMethod(text, candidate.start, candidate.end)) return true;
  // "the VPC", "SSN masking": a common acronym alone is a kind of thing, not an organisation or a person.
  if (words.length > 0 && words.every((word) => COMMON_ACRONYMS.has(word.folded))) return true;
  // "Will you...", "May I...", "Grace said" (alone), "MEMO": common words need a title, an
  // introduction or a signature around them to count as a name.
  const hasContext = CONTEXT_EVIDENCE.some((kind) => candidate.evidence.has(kind));
  return !hasContext && words.every((word) => COMMON_WORDS.has(word.folded) || MONTHS_AND_DAYS.has(word.folded));
}

/** True when the span lies inside a hyphenated method name such as "Miller-Rabin" or "Diffie-Hellman". */
function isPartOfEponymousMethod(text: string, start: number, end: number): boolean {
  // Bounded: the longest listed name is 26 characters, and a long run of hyphenated words must stay linear.
  let from = start;
  let to = end;
  while (from > 0 && start - from < 32 && /[\p{L}-]/u.test(text[from - 1]!)) from -= 1;
  while (to < text.length && to - end < 32 && /[\p{L}-]/u.test(text[to]!)) to += 1;
  const compound = text.slice(from, to);
  return compound.includes('-') && EPONYMOUS_METHODS.has(compound.toLowerCase().normalize('NFD').replace(/\p{M}/gu, ''));
}
