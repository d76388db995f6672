import { describe, expect, it } from 'vitest';
import { buildCorpus, parseAnnotatedText } from './build-corpus.js';
import { loadCorpus, serializeCorpus } from './corpus-record.js';
import { implausibility } from './span-plausibility.js';

const corpus = loadCorpus();

describe('development corpus', () => {
  it('has at least 150 records with unique ids', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(150);
    expect(new Set(corpus.map((record) => record.id)).size).toBe(corpus.length);
  });

  it('is exactly what the annotated sources build (run `npx tsx test/corpus/build-corpus.ts` after editing them)', () => {
    expect(serializeCorpus(loadCorpus())).toBe(serializeCorpus(buildCorpus()));
  });

  it('labels every span with text that is plausible for its type (checksums re-validated)', () => {
    const problems = corpus.flatMap((record) =>
      record.entities.flatMap((entity) => {
        const value = record.text.slice(entity.start, entity.end);
        const problem = implausibility(entity.type, value);
        return problem === undefined ? [] : [`${record.id} ${entity.type} ${JSON.stringify(value)}: ${problem}`];
      }),
    );
    expect(problems).toEqual([]);
  });

  it('has no overlapping labels within a record', () => {
    const overlapping = corpus.filter((record) => {
      const spans = [...record.entities].sort((left, right) => left.start - right.start);
      return spans.some((span, index) => index > 0 && span.start < spans[index - 1]!.end);
    });
    expect(overlapping.map((record) => record.id)).toEqual([]);
  });

  it('contains hard negatives: records with no structured entity at all', () => {
    const negatives = corpus.filter((record) => record.id.startsWith('negative-'));
    expect(negatives.length).toBeGreaterThanOrEqual(30);
  });
});

describe('annotated source format', () => {
  it('turns ⟦TYPE|text⟧ labels into exact offsets', () => {
    expect(parseAnnotatedText('card ⟦CREDIT_CARD|4111 1111 1111 1111⟧ for ⟦PERSON|Ann⟧.')).toEqual({
      text: 'card 4111 1111 1111 1111 for Ann.',
      entities: [
        { type: 'CREDIT_CARD', start: 5, end: 24 },
        { type: 'PERSON', start: 29, end: 32 },
      ],
    });
  });

  it('rejects an unbalanced label', () => {
    expect(() => parseAnnotatedText('card ⟦CREDIT_CARD|4111')).toThrow(/unbalanced/);
  });
});
