/**
 * Words to terms, shared by the lexical embedder, the BM25 index and the extractive answerer, so
 * a query and a passage are always cut the same way. Pure: no I/O, safe in workflow code.
 */

// Function words carry no topic; dropping them keeps hashed features and BM25 focused on content.
const stopWords = new Set(
  (
    'a an and are as at be been but by can could do does did for from had has have how i if in into is it its ' +
    'may me might must my no not of on or our ours shall should so such than that the their them then there these ' +
    'they this those to too up us was we were what when where which while who whom why will with would you your ' +
    'much many yours about after again all also am any because before being below between both during each few further ' +
    'here just more most other over own same some only very out off once under until get got'
  ).split(' '),
);

/**
 * A light suffix stripper: consistent, not linguistic. "expenses"/"expense", "laptops"/"laptop",
 * "policies"/"policy", "booking"/"book" meet; rare over-stripping costs little because queries and
 * passages are stripped alike.
 */
export function stem(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 5 && word.endsWith('ing')) return word.slice(0, -3);
  if (word.length > 4 && word.endsWith('ed') && !word.endsWith('eed')) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith('es') && /(?:ss|x|ch|sh)es$/.test(word)) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith('s') && !/(?:ss|us|is)$/.test(word)) return word.slice(0, -1);
  return word;
}

/** Lower-cased words of a text (letters and digits), accents removed, in order. */
function words(text: string): string[] {
  const folded = text.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
  return folded.match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu)?.map((word) => word.replace(/['’]s?$/u, '')) ?? [];
}

/** Content terms of a text: words minus stop words and one-letter tokens, stemmed, in order. */
export function contentTerms(text: string): string[] {
  const terms: string[] = [];
  for (const word of words(text)) {
    if (word.length < 2 || stopWords.has(word)) continue;
    terms.push(stem(word));
  }
  return terms;
}

/** Term frequencies of a list of terms. */
export function termFrequencies(terms: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
  return counts;
}
