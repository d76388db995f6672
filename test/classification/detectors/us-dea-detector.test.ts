import { describe, expect, it } from 'vitest';
import { createUsDeaDetector, isValidDeaNumber } from '../../../classification/detectors/us-dea-detector.js';
import { matchedTexts } from '../detector-fixtures.js';

const detector = createUsDeaDetector();

describe('US DEA number detector', () => {
  it('finds a DEA number with a valid check digit, with or without a cue', () => {
    expect(matchedTexts(detector, 'DEA# AB1234563')).toEqual(['AB1234563']);
    expect(matchedTexts(detector, 'signed AB1234563 today')).toEqual(['AB1234563']);
  });

  it('accepts 9 as the second character (business registrants)', () => {
    expect(matchedTexts(detector, 'DEA A91234563')).toEqual(['A91234563']);
  });

  it('scores a DEA cue above a bare number', () => {
    const [withCue] = detector.detect('DEA AB1234563');
    const [bare] = detector.detect('see AB1234563');
    expect(withCue!.score).toBeGreaterThan(bare!.score);
  });

  it.each([
    ['a wrong check digit', 'DEA AB1234564'],
    ['a registrant letter DEA does not issue (N)', 'DEA NB1234563'],
    ['lower-case letters', 'DEA ab1234563'],
    ['a longer token', 'DEA AB12345638'],
    ['a stock-keeping unit', 'SKU BX4829175'],
    ['a part number', 'Part no. AB1234563'],
  ])('rejects %s', (_label, text) => {
    expect(detector.detect(text)).toEqual([]);
  });

  it('validates the check digit directly', () => {
    expect(isValidDeaNumber('AB1234563')).toBe(true);
    expect(isValidDeaNumber('AB1234560')).toBe(false);
  });
});
