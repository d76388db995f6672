import { describe, expect, it } from 'vitest';
import type { Detector } from '../../classification/classifier.js';
import { createEmailDetector } from '../../classification/detectors/email-detector.js';
import { createPaymentCardDetector } from '../../classification/detectors/payment-card-detector.js';
import { createStructuredClassifier } from '../../classification/structured-classifier.js';
import { textsOf } from './detector-fixtures.js';

const throwingDetector: Detector = {
  name: 'always-throws',
  entityTypes: ['SECRET'],
  detect() {
    throw new TypeError('boom');
  },
};

/** A detector that burns wall-clock time, to push the classifier past its budget. */
function slowDetector(milliseconds: number): Detector {
  return {
    name: 'slow',
    entityTypes: ['SECRET'],
    detect() {
      const until = performance.now() + milliseconds;
      while (performance.now() < until) {
        // busy-wait: detectors are synchronous, so this is what a slow one looks like
      }
      return [];
    },
  };
}

describe('structured classifier', () => {
  it('finds a Luhn-valid card in a prompt with the exact span', async () => {
    const text = 'Please charge 4111 1111 1111 1111 for the order.';
    const output = await createStructuredClassifier().classify(text);
    expect(output.failure).toBeUndefined();
    expect(output.entities).toHaveLength(1);
    expect(output.entities[0]).toMatchObject({ type: 'CREDIT_CARD', start: 14, end: 33, detector: 'payment-card' });
    expect(output.ms).toBeGreaterThanOrEqual(0);
  });

  it('finds nothing and reports no failure for a plain coding question', async () => {
    const output = await createStructuredClassifier().classify('How do I reverse a linked list in Python?');
    expect(output.entities).toEqual([]);
    expect(output.failure).toBeUndefined();
  });

  it('reports a throwing detector by name and error, and still returns the other findings', async () => {
    const classifier = createStructuredClassifier({ detectors: [throwingDetector, createEmailDetector()] });
    const text = 'mail jane@example.com';
    const output = await classifier.classify(text);
    expect(output.failure?.reason).toContain('always-throws');
    expect(output.failure?.reason).toContain('TypeError: boom');
    expect(textsOf(output.entities, text)).toEqual(['jane@example.com']);
  });

  it('fails closed on input over maxInputChars without scanning it', async () => {
    const output = await createStructuredClassifier({ maxInputChars: 10 }).classify('x'.repeat(11));
    expect(output.entities).toEqual([]);
    expect(output.failure?.reason).toMatch(/11 characters, over the 10-character limit/);
  });

  it('accepts input of exactly maxInputChars', async () => {
    const output = await createStructuredClassifier({ maxInputChars: 10 }).classify('x'.repeat(10));
    expect(output.failure).toBeUndefined();
  });

  it.each([
    ['undefined', undefined],
    ['null', null],
    ['a number', 42],
    ['an object', { text: 'hi' }],
  ])('fails closed, without throwing, when the input is %s', async (_label, input) => {
    const output = await createStructuredClassifier().classify(input as unknown as string);
    expect(output.entities).toEqual([]);
    expect(output.failure?.reason).toMatch(/not a string/);
  });

  it('skips the remaining detectors and fails closed once the time budget is spent', async () => {
    const classifier = createStructuredClassifier({ detectors: [slowDetector(30), createEmailDetector()], timeoutMs: 1 });
    const output = await classifier.classify('mail jane@example.com');
    expect(output.failure?.reason).toMatch(/timed out .* "slow" finished; skipped email/);
    expect(output.entities).toEqual([]);
  });

  it('keeps the findings made before the time budget ran out', async () => {
    const classifier = createStructuredClassifier({ detectors: [createEmailDetector(), slowDetector(30), createPaymentCardDetector()], timeoutMs: 1 });
    const text = 'mail jane@example.com card 4111111111111111';
    // Warm up (regex compilation, first-call costs) so the 1 ms budget is spent in "slow", not before it.
    await createStructuredClassifier({ detectors: [createEmailDetector()] }).classify(text);
    const output = await classifier.classify(text);
    expect(output.failure?.reason).toContain('skipped payment-card');
    expect(textsOf(output.entities, text)).toEqual(['jane@example.com']);
  });

  it('fails closed when a detector returns a span outside the text, keeping its valid findings', async () => {
    const broken: Detector = {
      name: 'broken-spans',
      entityTypes: ['SECRET'],
      detect: (text) => [
        { type: 'SECRET', start: 0, end: 2, score: 0.5, reason: 'ok', detector: 'broken-spans' },
        { type: 'SECRET', start: 0, end: text.length + 5, score: 0.5, reason: 'too long', detector: 'broken-spans' },
      ],
    };
    const output = await createStructuredClassifier({ detectors: [broken] }).classify('abcdef');
    expect(output.failure?.reason).toContain('broken-spans');
    expect(output.entities).toHaveLength(1);
  });

  it('fails closed when a detector reports a type it does not declare', async () => {
    const mislabelled: Detector = {
      name: 'mislabelled',
      entityTypes: ['EMAIL_ADDRESS'],
      detect: () => [{ type: 'US_SSN', start: 0, end: 1, score: 0.5, reason: 'x', detector: 'mislabelled' }],
    };
    const output = await createStructuredClassifier({ detectors: [mislabelled] }).classify('abc');
    expect(output.failure?.reason).toContain('mislabelled');
    expect(output.entities).toEqual([]);
  });

  it('fails closed when a detector returns something other than an array', async () => {
    const notArray = { name: 'not-array', entityTypes: ['SECRET'], detect: () => 'nope' } as unknown as Detector;
    const output = await createStructuredClassifier({ detectors: [notArray] }).classify('abc');
    expect(output.failure?.reason).toContain('not-array');
  });

  it('merges overlapping findings from different detectors, keeping the higher score', async () => {
    const weak: Detector = {
      name: 'weak',
      entityTypes: ['SECRET'],
      detect: () => [{ type: 'SECRET', start: 5, end: 20, score: 0.1, reason: 'weak', detector: 'weak' }],
    };
    const text = 'card 4111111111111111';
    const output = await createStructuredClassifier({ detectors: [weak, createPaymentCardDetector()] }).classify(text);
    expect(output.entities.map((entity) => entity.detector)).toEqual(['payment-card']);
  });

  it('returns findings sorted by start', async () => {
    const text = 'card 4111111111111111 then mail jane@example.com then 5555555555554444';
    const output = await createStructuredClassifier({ detectors: [createEmailDetector(), createPaymentCardDetector()] }).classify(text);
    const starts = output.entities.map((entity) => entity.start);
    expect(starts).toEqual([...starts].sort((left, right) => left - right));
    expect(starts).toHaveLength(3);
  });

  it('refuses to be built without detectors, since it would call everything clean', () => {
    expect(() => createStructuredClassifier({ detectors: [] })).toThrow(/at least one detector/);
  });

  it('uses the name it is given', () => {
    expect(createStructuredClassifier({ name: 'custom' }).name).toBe('custom');
  });
});
