import { describe, expect, it } from 'vitest';
import { shannonEntropy } from '../../../classification/detectors/shannon-entropy.js';

/** The textbook definition, over characters in order of first appearance. */
function referenceEntropy(value: string): number {
  const counts = new Map<string, number>();
  for (const character of value) counts.set(character, (counts.get(character) ?? 0) + 1);
  let entropy = 0;
  for (const count of counts.values()) entropy -= (count / value.length) * Math.log2(count / value.length);
  return entropy;
}

describe('shannonEntropy', () => {
  it('gives the known values', () => {
    expect(shannonEntropy('')).toBe(0);
    expect(shannonEntropy('aaaa')).toBe(0);
    expect(shannonEntropy('aabb')).toBe(1);
    expect(shannonEntropy('abcd')).toBe(2);
  });

  it('equals the textbook definition exactly on keys, words and non-ASCII text, call after call', () => {
    let state = 7;
    const next = (): number => (state = (state * 1_103_515_245 + 12_345) % 2_147_483_648);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/_-=éßЖ中';
    const values = ['sk_live_4eC39HqLyjWDarjtT1zdp7dc', 'passwordpassword', 'Grüße aus Köln', '🔑🔑key🔑', 'x'];
    for (let round = 0; round < 500; round++) {
      let value = '';
      for (let index = 0, length = 1 + (next() % 64); index < length; index++) value += alphabet[next() % alphabet.length];
      values.push(value);
    }
    // Twice each: the counting table must be left clean for the next call.
    for (const value of [...values, ...values]) expect({ value, entropy: shannonEntropy(value) }).toEqual({ value, entropy: referenceEntropy(value) });
  });
});
