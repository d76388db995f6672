import { describe, expect, it } from 'vitest';
import { forEachMatch } from '../../classification/regex-matches.js';

function viaForEachMatch(text: string, pattern: RegExp): string[] {
  const found: string[] = [];
  forEachMatch(text, pattern, (match) => found.push(`${match.index}:${match[0]}`));
  return found;
}

function viaMatchAll(text: string, pattern: RegExp): string[] {
  return [...text.matchAll(pattern)].map((match) => `${match.index}:${match[0]}`);
}

describe('forEachMatch', () => {
  // Lone lead and trail surrogates, a pair, ASCII: how far an empty match moves on differs for each.
  const texts = ['', 'abc', 'a\ud800b\ud83d\ude00c\udc00', '\ud800', '\ud83d\ude00', 'ab\ud800\ud800\udc00', '12 ab 345'];
  const patterns = [/(?:)/g, /(?:)/gu, new RegExp('(?:)', 'gv'), /x*/gu, /\p{L}*/gu, /\d*/g, /\d+/g, /[a-z]+/giu];

  it('finds what matchAll finds, empty matches and surrogates included', () => {
    for (const text of texts) {
      for (const pattern of patterns) expect({ text, pattern: String(pattern), found: viaForEachMatch(text, pattern) }).toEqual({ text, pattern: String(pattern), found: viaMatchAll(text, pattern) });
    }
  });

  it('lets the visitor run the same regex', () => {
    const pattern = /\d+/g;
    const outer: string[] = [];
    forEachMatch('1 22 333', pattern, (match) => {
      outer.push(match[0]);
      forEachMatch('9 9', pattern, () => undefined);
    });
    expect(outer).toEqual(['1', '22', '333']);
  });

  it('refuses a regex without the global flag', () => {
    expect(() => forEachMatch('1', /\d/, () => undefined)).toThrow(TypeError);
  });
});
