/** Shannon entropy: how unpredictable a string's characters are, used to tell keys from words. */

/**
 * Character counts for {@link shannonEntropy}, indexed by UTF-16 code unit and left all zero after
 * each use: one table for the process instead of a map per call (it runs on every token beside a
 * credential word, and those maps were a large share of the classifier's garbage).
 */
const counts = new Uint32Array(0x10000);
const SURROGATE = /[\ud800-\udfff]/;

/** Entropy of the string's character distribution, in bits per character (0 for ""). */
export function shannonEntropy(value: string): number {
  if (value.length === 0) return 0;
  // A character outside the BMP is two code units (and a lone surrogate one): counted by code point in a map.
  if (SURROGATE.test(value)) return entropyByCharacter(value);
  for (let index = 0; index < value.length; index++) counts[value.charCodeAt(index)]! += 1;
  let entropy = 0;
  // In order of first appearance, as entropyByCharacter sums (the same float result for the same string).
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    const count = counts[code]!;
    if (count === 0) continue;
    counts[code] = 0;
    const probability = count / value.length;
    entropy -= probability * Math.log2(probability);
  }
  return entropy;
}

function entropyByCharacter(value: string): number {
  const byCharacter = new Map<string, number>();
  for (const character of value) byCharacter.set(character, (byCharacter.get(character) ?? 0) + 1);
  let entropy = 0;
  for (const count of byCharacter.values()) {
    const probability = count / value.length;
    entropy -= probability * Math.log2(probability);
  }
  return entropy;
}

/**
 * True when the string is about as unpredictable as a random key of its length and alphabet.
 * A short string cannot reach the alphabet's full entropy (n characters hold at most log2(n)
 * bits each), so the bar is 75% of what a random string of that length and alphabet could reach;
 * random keys clear it 95%+ of the time from 20 characters (hex) and 24 (base62/base64).
 */
export function looksRandom(value: string): boolean {
  const alphabetBits = /^[0-9a-f]+$/i.test(value) ? 4 : 6;
  const reachableBits = Math.min(Math.log2(value.length), alphabetBits);
  return shannonEntropy(value) >= 0.75 * reachableBits;
}
