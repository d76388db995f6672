/**
 * Proposes place and organisation spans: runs of tokens the tagger marks Place or Organization,
 * and capitalised words ending in an organisation suffix ("Acme Corp", "Siemens AG", "Mayo
 * Clinic", "University of Oslo") that the tagger does not know.
 */
import type { Candidate } from './entity-evidence.js';
import { COMMON_WORDS, ORGANIZATION_SUFFIXES } from './non-name-words.js';
import type { Token } from './tagged-tokens.js';
import { continuesName, isCapitalised, isCodeLike, possessiveLength } from './token-shapes.js';

/** At most this many capitalised words before a suffix: "First National Bank", not a whole title. */
const MAX_WORDS_BEFORE_SUFFIX = 4;

/** All place and organisation candidates in text order. */
export function placeAndOrganizationCandidates(text: string, tokens: readonly Token[]): Candidate[] {
  const found: Candidate[] = [];
  const add = (type: Candidate['type'], first: number, last: number, evidence: Candidate['evidence']): void => {
    const lastToken = tokens[last]!;
    found.push({ type, start: tokens[first]!.start, end: lastToken.end - possessiveLength(lastToken.text), firstToken: first, lastToken: last, evidence });
  };
  for (const [type, tag] of [['LOCATION', 'Place'], ['ORGANIZATION', 'Organization']] as const) {
    for (let index = 0; index < tokens.length; index++) {
      if (!isTagged(tokens[index]!, tag)) continue;
      let last = index;
      while (last + 1 < tokens.length && isTagged(tokens[last + 1]!, tag) && continuesName(text, tokens[last]!, tokens[last + 1]!)) last++;
      add(type, index, last, new Set(['tagger']));
      index = last;
    }
  }
  for (let index = 0; index < tokens.length; index++) {
    const suffix = tokens[index]!;
    if (!isCapitalised(suffix) || !ORGANIZATION_SUFFIXES.has(suffix.folded)) continue;
    let first = index;
    while (index - first < MAX_WORDS_BEFORE_SUFFIX && first > 0 && isOrganizationWord(text, tokens[first - 1]!) && continuesName(text, tokens[first - 1]!, tokens[first]!, true)) first--;
    const last = ofPlaceEnd(text, tokens, index);
    // A bare suffix ("Bank", "Group") is a common noun unless "of <Name>" follows.
    if (first === index && last === index) continue;
    add('ORGANIZATION', first, last, new Set(['organization-suffix']));
  }
  return found;
}

function isTagged(token: Token, tag: string): boolean {
  // Proper names are capitalised; the tagger also marks common nouns like "city" as places.
  return token.tags.has(tag) && isCapitalised(token);
}

/** A capitalised, non-code word that is not a sentence starter like "The" or "Our". */
function isOrganizationWord(text: string, token: Token): boolean {
  return isCapitalised(token) && !COMMON_WORDS.has(token.folded) && !isCodeLike(token, text) && /^[\p{L}\p{M}'’&]+$/u.test(token.text);
}

/** "University of Oslo", "Bank of America": include "of" and the capitalised words after it. */
function ofPlaceEnd(text: string, tokens: readonly Token[], suffixIndex: number): number {
  const of = tokens[suffixIndex + 1];
  const name = tokens[suffixIndex + 2];
  if (!of || !name || of.text !== 'of' || !continuesName(text, tokens[suffixIndex]!, of) || !continuesName(text, of, name)) return suffixIndex;
  if (!isOrganizationWord(text, name)) return suffixIndex;
  let last = suffixIndex + 2;
  while (last - suffixIndex < 4 && tokens[last + 1] && isOrganizationWord(text, tokens[last + 1]!) && continuesName(text, tokens[last]!, tokens[last + 1]!)) last++;
  return last;
}
