import { describe, expect, it } from 'vitest';
import { createUsSsnDetector, isIssuableSsn } from '../../../classification/detectors/us-ssn-detector.js';
import { matchedTexts } from '../detector-fixtures.js';

const detector = createUsSsnDetector();

describe('US SSN detector', () => {
  it('finds dashed and spaced SSNs', () => {
    expect(matchedTexts(detector, 'id 536-22-8745 and 536 22 8745')).toEqual(['536-22-8745', '536 22 8745']);
  });

  it('finds a bare 9-digit SSN next to an SSN cue, before or after', () => {
    expect(matchedTexts(detector, 'SSN: 536228745')).toEqual(['536228745']);
    expect(matchedTexts(detector, 'Social Security number 536228745')).toEqual(['536228745']);
    expect(matchedTexts(detector, '536228745 (ssn)')).toEqual(['536228745']);
  });

  it('scores an SSN with a cue higher than one without', () => {
    const [withCue] = detector.detect('SSN 536-22-8745');
    const [withoutCue] = detector.detect('id 536-22-8745');
    expect(withCue!.score).toBeGreaterThan(withoutCue!.score);
  });

  it('ignores a bare 9-digit number without an SSN cue', () => {
    expect(detector.detect('order 536228745 shipped')).toEqual([]);
  });

  it.each([
    ['area 000', '000-12-3456'],
    ['area 666', '666-12-3456'],
    ['area 900-999', '912-12-3456'],
    ['group 00', '536-00-8745'],
    ['serial 0000', '536-22-0000'],
    ['the Woolworth wallet example', '078-05-1120'],
    ['the 219-09-9999 advertising example', '219-09-9999'],
    ['all the same digit', '111-11-1111'],
  ])('rejects %s', (_label, ssn) => {
    expect(detector.detect(`SSN ${ssn}`)).toEqual([]);
  });

  it.each([
    ['dots', 'SSN 536.22.8745', '536.22.8745'],
    ['dots without a cue', 'applicant 536.22.8745 signed', '536.22.8745'],
    ['slashes beside a cue', 'SSN 536/22/8745', '536/22/8745'],
    ['mixed separators beside a cue', 'my social security number is 536-22.8745', '536-22.8745'],
  ])('finds an SSN written with %s', (_label, text, expected) => {
    expect(detector.detect(text).map((entity) => text.slice(entity.start, entity.end))).toEqual([expected]);
  });

  it.each([
    ['a phone number with a country code', '1-536-22-8745'],
    ['a longer dashed number', '536-22-8745-1'],
    ['a date-like slash number', '536/22/8745'],
    ['mixed separators', '536-22 8745'],
    ['digits glued to letters', 'A536-22-8745'],
  ])('rejects an SSN shape inside %s', (_label, text) => {
    expect(detector.detect(text)).toEqual([]);
  });

  it('validates area, group and serial rules directly', () => {
    expect(isIssuableSsn('536228745')).toBe(true);
    expect(isIssuableSsn('666228745')).toBe(false);
    expect(isIssuableSsn('53622874')).toBe(false);
  });
});
