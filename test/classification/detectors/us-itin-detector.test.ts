import { describe, expect, it } from 'vitest';
import { createUsItinDetector, isValidItin } from '../../../classification/detectors/us-itin-detector.js';
import { matchedTexts } from '../detector-fixtures.js';

const detector = createUsItinDetector();

describe('US ITIN detector', () => {
  it.each([
    ['group 50 (lowest of 50-65)', '912-50-1234'],
    ['group 65', '912-65-1234'],
    ['group 70 (lowest of 70-88)', '912-70-1234'],
    ['group 88', '912-88-1234'],
    ['group 90 (lowest of 90-92)', '912-90-1234'],
    ['group 92', '912-92-1234'],
    ['group 94 (lowest of 94-99)', '912-94-1234'],
    ['group 99', '912-99-1234'],
  ])('finds a dashed ITIN in %s', (_label, itin) => {
    expect(matchedTexts(detector, `ref ${itin} on file`)).toEqual([itin]);
  });

  it.each([
    ['group 49', '912-49-1234'],
    ['group 66', '912-66-1234'],
    ['group 69', '912-69-1234'],
    ['group 89', '912-89-1234'],
    ['group 93', '912-93-1234'],
    ['an area not starting with 9', '812-78-1234'],
    ['serial 0000', '912-78-0000'],
  ])('rejects %s', (_label, itin) => {
    expect(detector.detect(`ITIN ${itin}`)).toEqual([]);
  });

  it('finds a bare 9-digit ITIN only beside an ITIN cue', () => {
    expect(matchedTexts(detector, 'ITIN: 912781234')).toEqual(['912781234']);
    expect(matchedTexts(detector, 'taxpayer id 912781234')).toEqual(['912781234']);
    expect(detector.detect('batch 912781234 processed')).toEqual([]);
  });

  it('scores a cue-backed ITIN above a bare-shaped one', () => {
    const [withCue] = detector.detect('ITIN 912-78-1234');
    const [withoutCue] = detector.detect('see 912-78-1234');
    expect(withCue!.score).toBeGreaterThan(withoutCue!.score);
  });

  it('drops a dashed ITIN shape that is labelled as an order number', () => {
    expect(detector.detect('Order #912-78-1234 shipped')).toEqual([]);
  });

  it('does not take a cue that belongs to an earlier number', () => {
    expect(detector.detect('ITIN 912-78-1234, batch 912781235')).toHaveLength(1);
  });

  it('validates ranges directly', () => {
    expect(isValidItin('912781234')).toBe(true);
    expect(isValidItin('912401234')).toBe(false);
    expect(isValidItin('91278123')).toBe(false);
  });
});
