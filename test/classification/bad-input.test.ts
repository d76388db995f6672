/**
 * Bad input never hangs the classifier and never comes back "clean" when it could not be vouched
 * for: over-limit text and binary noise fail closed with a reason; odd but readable text is scanned.
 */
import { describe, expect, it } from 'vitest';
import type { ClassifierOutput } from '../../classification/classifier.js';
import { createStructuredOnlyClassifier } from '../../classification/default-classifier.js';
import { DEFAULT_MAX_INPUT_CHARS } from '../../classification/structured-classifier.js';
import { adversarialInputs } from './detector-fixtures.js';

const classifier = createStructuredOnlyClassifier();

/** Deterministic pseudo-random bytes (xorshift32), so a failure can be reproduced. */
function randomBytes(length: number, seed: number): Buffer {
  const bytes = Buffer.alloc(length);
  let state = seed;
  for (let index = 0; index < length; index++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    bytes[index] = state & 0xff;
  }
  return bytes;
}

function expectWellFormed(output: ClassifierOutput, text: string): void {
  expect(Array.isArray(output.entities)).toBe(true);
  for (const entity of output.entities) {
    expect(entity.start).toBeGreaterThanOrEqual(0);
    expect(entity.end).toBeLessThanOrEqual(text.length);
    expect(entity.start).toBeLessThan(entity.end);
  }
  expect(output.ms).toBeGreaterThanOrEqual(0);
}

describe('classifier on bad input', () => {
  it('reports an empty string as clean, without a failure', async () => {
    const output = await classifier.classify('');
    expect(output.entities).toEqual([]);
    expect(output.failure).toBeUndefined();
  });

  it('fails closed on a 10 MB prompt without scanning it', async () => {
    const text = `card 4111 1111 1111 1111 ${'x'.repeat(10 * 1024 * 1024)}`;
    const output = await classifier.classify(text);
    expect(output.entities).toEqual([]);
    expect(output.failure?.reason).toMatch(new RegExp(`over the ${DEFAULT_MAX_INPUT_CHARS}-character limit`));
  });

  it.each([1, 2, 3])('fails closed on random bytes decoded as UTF-8 (seed %i), naming the problem', async (seed) => {
    const text = randomBytes(64 * 1024, seed).toString('utf8');
    const output = await classifier.classify(text);
    expectWellFormed(output, text);
    expect(output.failure?.reason).toMatch(/binary or mis-decoded data/);
  });

  it('fails closed on binary noise decoded as Latin-1 (control characters)', async () => {
    const text = randomBytes(64 * 1024, 7).toString('latin1');
    const output = await classifier.classify(text);
    expectWellFormed(output, text);
    expect(output.failure?.reason).toMatch(/binary or mis-decoded data/);
  });

  it('still reports what it found in binary-looking input', async () => {
    const text = `${'\u0000'.repeat(100)} card 4111 1111 1111 1111`;
    const output = await classifier.classify(text);
    expect(output.failure?.reason).toMatch(/binary/);
    expect(output.entities.map((entity) => text.slice(entity.start, entity.end))).toEqual(['4111 1111 1111 1111']);
  });

  it('scans text with a few lone surrogates and stray replacement characters normally', async () => {
    const text = 'caf\ufffd ok \ud800 then card 4111 1111 1111 1111 \udc00 end';
    const output = await classifier.classify(text);
    expect(output.failure).toBeUndefined();
    expect(output.entities.map((entity) => text.slice(entity.start, entity.end))).toEqual(['4111 1111 1111 1111']);
  });

  it.each([
    ['zero-width spaces', 'card 4012\u200b8888\u200b8888\u200b1881', '4012\u200b8888\u200b8888\u200b1881'],
    ['soft hyphens', 'card 4012\u00ad8888\u00ad8888\u00ad1881', '4012\u00ad8888\u00ad8888\u00ad1881'],
    ['non-breaking hyphens', 'SSN 536\u201122\u20118745', '536\u201122\u20118745'],
    ['fullwidth digits', 'card ４１１１ １１１１ １１１１ １１１１', '４１１１ １１１１ １１１１ １１１１'],
    ['Unicode tag characters', `pay ${[...'4111111111111111'].map((digit) => String.fromCodePoint(0xe0000 + digit.charCodeAt(0))).join('')} now`, null],
  ])('sees through %s and reports the span in the original text', async (_label, text, expected) => {
    const output = await classifier.classify(text);
    expect(output.failure).toBeUndefined();
    expect(output.entities).toHaveLength(1);
    const [entity] = output.entities;
    const found = text.slice(entity!.start, entity!.end);
    if (expected !== null) expect(found).toBe(expected);
    else expect([...found]).toHaveLength(16); // 16 tag characters, each a surrogate pair
  });

  it.each(Object.entries(adversarialInputs(200_000)))('returns a well-formed result for 200 KB of %s', async (_label, text) => {
    expectWellFormed(await classifier.classify(text), text);
  });

  it('returns for input of exactly the size limit built to stress the phone detector', async () => {
    const text = '+1 '.repeat(Math.ceil(DEFAULT_MAX_INPUT_CHARS / 3)).slice(0, DEFAULT_MAX_INPUT_CHARS);
    const output = await classifier.classify(text);
    expectWellFormed(output, text);
  });
});
