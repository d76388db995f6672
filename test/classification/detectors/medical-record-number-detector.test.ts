import { describe, expect, it } from 'vitest';
import { createMedicalRecordNumberDetector } from '../../../classification/detectors/medical-record-number-detector.js';
import { matchedTexts } from '../detector-fixtures.js';

const detector = createMedicalRecordNumberDetector();

describe('medical record number detector', () => {
  it.each([
    ['"MRN:"', 'MRN: 00482913', '00482913'],
    ['"MRN" without punctuation', 'MRN 7745120', '7745120'],
    ['"patient ID" with a letter prefix', 'Patient ID PT-558812', 'PT-558812'],
    ['"medical record no."', 'medical record no. 4829-1137', '4829-1137'],
    ['"chart #"', 'Chart #993104', '993104'],
    ['"patient #"', 'patient #5521907', '5521907'],
    ['an NHS number in 3-3-4 groups', 'NHS number 943 476 5919', '943 476 5919'],
    ['"MRN is"', 'her MRN is A7730214', 'A7730214'],
    ['a dashed id that is not a date', 'MRN: 10-44-8821', '10-44-8821'],
  ])('finds an id after %s', (_label, text, expected) => {
    expect(matchedTexts(detector, text)).toEqual([expected]);
  });

  it('stops at the id, not at a following count', () => {
    expect(matchedTexts(detector, 'MRN 00482913 2 days ago')).toEqual(['00482913']);
  });

  it.each([
    ['a short number', 'chart 12 shows'],
    ['a date after "chart"', 'chart 2024-01-15'],
    ['an id with no label', 'id 00482913'],
    ['a label with no id', 'The MRN field is empty for 1,204 rows'],
    ['a run of one digit', 'MRN 0000000'],
  ])('ignores %s', (_label, text) => {
    expect(detector.detect(text)).toEqual([]);
  });
});
