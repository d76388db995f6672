/**
 * Text → features for the topic model: lower-case words (function words dropped, plurals folded)
 * plus pairs of adjacent content words, which carry phrases like "time off", "sick leave" or
 * "data breach" that single words miss. Features are hashed into a fixed number of buckets so a model trained on
 * any amount of text stays bounded in size.
 */

/** Default number of hash bits: 2^18 buckets, far more than a few thousand examples fill. */
export const DEFAULT_HASH_BITS = 18;

// Function words and request verbs ("write", "explain") appear in every topic: they only add noise.
const STOP_WORDS = new Set(
  `a an the and or but if then so of to in on at by for with from into about as is are was were be been
  being am do does did have has had having i me my we our you your he she it its they them their this
  that these those there here what which who whom how when where why can could would should will shall
  may might must not no yes please help just also very some any all each than too up out over
  write draft prepare create summarize summarise explain make need want get give tell say know use
  new last next one two best way like us let show list check find`
    .split(/\s+/)
    .filter(Boolean),
);

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;
/** Bare numbers ("60", "120") say nothing about a topic; as features they made product sizes "finance". */
const BARE_NUMBER = /^\d+$/;

/** The words of a text, lower case, possessives and simple plurals folded ("employees" → "employee"). */
function topicWords(text: string): string[] {
  const words: string[] = [];
  for (const match of text.toLowerCase().matchAll(WORD)) words.push(foldPlural(match[0].replace(/['’]s$/, '')));
  return words;
}

/** Word features (function words dropped) and pairs of adjacent content words ("time off"). */
export function topicFeatures(text: string): string[] {
  const words = topicWords(text);
  const features: string[] = [];
  for (const [index, word] of words.entries()) {
    if (STOP_WORDS.has(word) || word.length < 2 || BARE_NUMBER.test(word)) continue;
    features.push(word);
    // Pairs of content words only: "time off", "sick leave", "data breach"; "of the" is noise.
    const next = words[index + 1];
    if (next !== undefined && !STOP_WORDS.has(next) && !BARE_NUMBER.test(next)) features.push(`${word} ${next}`);
  }
  return features;
}

/** FNV-1a hash of a feature, reduced to `bits` bits: its bucket. */
export function hashFeature(feature: string, bits: number): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < feature.length; index++) {
    hash ^= feature.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) & ((1 << bits) - 1);
}

function foldPlural(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 3 && word.endsWith('s') && !/(?:ss|us|is|ous)$/.test(word)) return word.slice(0, -1);
  return word;
}
