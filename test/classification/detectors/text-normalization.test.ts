import { describe, expect, it } from 'vitest';
import { normalizeForScan } from '../../../classification/detectors/text-normalization.js';

const toTags = (ascii: string): string => [...ascii].map((character) => String.fromCodePoint(0xe0000 + character.charCodeAt(0))).join('');

describe('text normalization for scanning', () => {
  it('returns plain text unchanged with an identity span map', () => {
    const normalized = normalizeForScan('plain café text, 日本語');
    expect(normalized.text).toBe('plain café text, 日本語');
    expect(normalized.toOriginal(3, 7)).toEqual([3, 7]);
  });

  it('removes zero-width characters and maps spans back over them', () => {
    const text = 'card 4012\u200b8888\u200b8888\u200b1881 ok';
    const normalized = normalizeForScan(text);
    expect(normalized.text).toBe('card 4012888888881881 ok');
    const [start, end] = normalized.toOriginal(5, 21);
    expect(text.slice(start, end)).toBe('4012\u200b8888\u200b8888\u200b1881');
  });

  it('folds fullwidth digits, Unicode dashes and spaces to ASCII, keeping offsets', () => {
    expect(normalizeForScan('４１１１\u00a0536\u201322\u20118745').text).toBe('4111 536-22-8745');
  });

  it('spells out Unicode tag characters (invisible ASCII) and maps their span to both code units', () => {
    const hidden = toTags('4111');
    const text = `x${hidden}y`;
    const normalized = normalizeForScan(text);
    expect(normalized.text).toBe('x4111y');
    const [start, end] = normalized.toOriginal(1, 5);
    expect(text.slice(start, end)).toBe(hidden);
  });

  it('drops lone surrogates and counts them, and controls and U+FFFD, as unreadable', () => {
    const normalized = normalizeForScan('a\ud800b\udc00c\u0000d\ufffde');
    expect(normalized.text).toBe('abc d e');
    expect(normalized.unreadable).toBe(4);
  });

  it('keeps valid surrogate pairs (emoji) intact', () => {
    expect(normalizeForScan('ok 😀 4111').text).toBe('ok 😀 4111');
  });
});
