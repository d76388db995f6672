import { describe, expect, it } from 'vitest';
import { createUsNpiDetector, isValidNpi } from '../../../classification/detectors/us-npi-detector.js';
import { matchedTexts } from '../detector-fixtures.js';

const detector = createUsNpiDetector();

describe('US NPI detector', () => {
  it.each([
    ['"NPI"', 'NPI 1234567893'],
    ['"NPI#"', 'NPI#1234567893'],
    ['"national provider identifier"', 'National Provider Identifier: 1234567893'],
    ['"prescriber"', 'prescriber 1234567893'],
    ['"rendering provider"', 'rendering provider 1234567893'],
  ])('finds a Luhn-valid NPI beside %s', (_label, text) => {
    expect(matchedTexts(detector, text)).toEqual(['1234567893']);
  });

  it.each([
    ['a failed Luhn check', 'NPI 1234567890'],
    ['a first digit other than 1 or 2', 'NPI 3234567893'],
    ['no provider word', 'ticket 1234567893 reopened'],
    ['an 11-digit number', 'NPI 12345678931'],
    ['a provider cue that belongs to an earlier number', 'NPI 1234567893, ticket 1987654328'],
  ])('rejects %s', (_label, text) => {
    expect(matchedTexts(detector, text).filter((found) => found !== '1234567893')).toEqual([]);
  });

  it('validates with the 80840 prefix directly', () => {
    expect(isValidNpi('1234567893')).toBe(true);
    expect(isValidNpi('1234567894')).toBe(false);
  });
});
