import { describe, expect, it } from 'vitest';
import type { EntityType } from '../../classification/classifier.js';
import { rates, scoreRecord, type TypeCounts } from './span-scoring.js';

const span = (type: EntityType, start: number, end: number) => ({ type, start, end });

describe('span scoring', () => {
  it('counts an overlapping prediction of the same type as a true positive, even with other boundaries', () => {
    const counts = new Map<EntityType, TypeCounts>();
    const mistakes = scoreRecord([span('CREDIT_CARD', 5, 24)], [span('CREDIT_CARD', 4, 25)], counts);
    expect(mistakes).toEqual([]);
    expect(counts.get('CREDIT_CARD')).toEqual({ support: 1, truePositives: 1, falsePositives: 0, falseNegatives: 0 });
  });

  it('counts an overlapping prediction of another type as a false positive plus a false negative', () => {
    const counts = new Map<EntityType, TypeCounts>();
    const mistakes = scoreRecord([span('US_SSN', 0, 11)], [span('US_ITIN', 0, 11)], counts);
    expect(mistakes.map((mistake) => `${mistake.kind} ${mistake.type}`)).toEqual(['FN US_SSN', 'FP US_ITIN']);
  });

  it('counts touching but not overlapping spans as no match', () => {
    const counts = new Map<EntityType, TypeCounts>();
    scoreRecord([span('SECRET', 0, 5)], [span('SECRET', 5, 9)], counts);
    expect(counts.get('SECRET')).toEqual({ support: 1, truePositives: 0, falsePositives: 1, falseNegatives: 1 });
  });

  it('computes precision, recall and F2 (recall weighted higher)', () => {
    const { precision, recall, f2 } = rates({ truePositives: 8, falsePositives: 2, falseNegatives: 0 });
    expect(precision).toBeCloseTo(0.8);
    expect(recall).toBe(1);
    expect(f2).toBeCloseTo((5 * 0.8 * 1) / (4 * 0.8 + 1));
  });

  it('treats no predictions and no labels as perfect rather than dividing by zero', () => {
    expect(rates({ truePositives: 0, falsePositives: 0, falseNegatives: 0 })).toEqual({ precision: 1, recall: 1, f2: 1 });
  });
});
