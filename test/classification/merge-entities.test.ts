import { describe, expect, it } from 'vitest';
import type { DetectedEntity } from '../../classification/classifier.js';
import { mergeOverlappingEntities } from '../../classification/merge-entities.js';

const entity = (start: number, end: number, score: number, detector = 'd'): DetectedEntity => ({
  type: 'SECRET',
  start,
  end,
  score,
  reason: 'r',
  detector,
});

describe('mergeOverlappingEntities', () => {
  it('keeps non-overlapping findings and sorts them by start', () => {
    expect(mergeOverlappingEntities([entity(10, 12, 0.5), entity(0, 5, 0.5)])).toEqual([entity(0, 5, 0.5), entity(10, 12, 0.5)]);
  });

  it('keeps the higher-scoring of two overlapping findings', () => {
    expect(mergeOverlappingEntities([entity(0, 10, 0.6, 'weak'), entity(2, 8, 0.9, 'strong')])).toEqual([entity(2, 8, 0.9, 'strong')]);
  });

  it('keeps the longer finding when scores tie', () => {
    expect(mergeOverlappingEntities([entity(2, 8, 0.8, 'short'), entity(0, 10, 0.8, 'long')])).toEqual([entity(0, 10, 0.8, 'long')]);
  });

  it('keeps the earlier detector when score and span tie', () => {
    expect(mergeOverlappingEntities([entity(0, 5, 0.8, 'first'), entity(0, 5, 0.8, 'second')])).toEqual([entity(0, 5, 0.8, 'first')]);
  });

  it('keeps both ends of a chain whose middle loses', () => {
    const merged = mergeOverlappingEntities([entity(0, 5, 0.9, 'a'), entity(4, 9, 0.5, 'b'), entity(8, 12, 0.9, 'c')]);
    expect(merged.map((found) => found.detector)).toEqual(['a', 'c']);
  });

  it('treats touching spans (end == start) as not overlapping', () => {
    expect(mergeOverlappingEntities([entity(0, 5, 0.5), entity(5, 9, 0.9)])).toHaveLength(2);
  });
});
