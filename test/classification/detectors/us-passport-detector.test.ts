import { describe, expect, it } from 'vitest';
import { createUsPassportDetector } from '../../../classification/detectors/us-passport-detector.js';
import { matchedTexts } from '../detector-fixtures.js';

const detector = createUsPassportDetector();

describe('US passport detector', () => {
  it.each([
    ['a letter and 8 digits', 'Passport number: C03005988', 'C03005988'],
    ['9 digits', 'passport no. 483920175', '483920175'],
    ['a cue after the number', '483920175 (passport)', '483920175'],
    ['the German word', 'Reisepass 483920175', '483920175'],
  ])('finds %s beside a passport word', (_label, text, expected) => {
    expect(matchedTexts(detector, text)).toEqual([expected]);
  });

  it.each([
    ['no passport word', 'batch C03005988'],
    ['8 digits', 'passport 48392017'],
    ['two letters first', 'passport AB3005988'],
    ['all zeros', 'passport 000000000'],
    ['a passport question without a number', 'How do I renew a passport for my child?'],
    ['a passport cue that belongs to an earlier number', 'passport C03005988 and order 483920175'],
  ])('rejects %s', (_label, text) => {
    expect(matchedTexts(detector, text).filter((found) => found !== 'C03005988')).toEqual([]);
  });
});
