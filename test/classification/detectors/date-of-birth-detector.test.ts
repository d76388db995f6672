import { describe, expect, it } from 'vitest';
import { findDates } from '../../../classification/detectors/date-candidates.js';
import { createDateOfBirthDetector } from '../../../classification/detectors/date-of-birth-detector.js';
import { matchedTexts } from '../detector-fixtures.js';

const detector = createDateOfBirthDetector();

describe('date of birth detector', () => {
  it.each([
    ['US numeric after DOB', 'DOB: 03/14/1985', '03/14/1985'],
    ['ISO after "date of birth"', 'date of birth 1985-03-14', '1985-03-14'],
    ['day month year after "born"', 'She was born on 14 March 1985 in Lyon', '14 March 1985'],
    ['month day, year after "birthday"', 'birthday: March 14, 1985', 'March 14, 1985'],
    ['German dotted after "geboren am"', 'geboren am 14.03.1985', '14.03.1985'],
    ['French after "né le"', 'né le 3 mars 1962 à Lyon', '3 mars 1962'],
    ['day-first numeric (month-first impossible)', 'DOB 21/06/1958', '21/06/1958'],
    ['a two-digit year', 'DOB 03/14/85', '03/14/85'],
    ['an abbreviated month', 'd.o.b. 14-Mar-1985', '14-Mar-1985'],
    ['a cue right after the date', 'Patient 1985-03-14 (DOB) seen today', '1985-03-14'],
  ])('finds %s', (_label, text, expected) => {
    expect(matchedTexts(detector, text)).toEqual([expected]);
  });

  it('flags only the date nearest the cue', () => {
    expect(matchedTexts(detector, 'DOB 03/14/1985, admitted 2024-01-15 for surgery')).toEqual(['03/14/1985']);
  });

  it('does not take a cue from the next clause for the date before it', () => {
    expect(matchedTexts(detector, 'Admitted 2024-01-15. Born 14 March 1985.')).toEqual(['14 March 1985']);
  });

  it.each([
    ['a date with no birth word', 'Meeting on 2024-01-15 at 10:30'],
    ['a birth word too far from the date', `born ${'and then many more words '.repeat(3)}2001-04-01`],
    ['an impossible date', 'DOB 02/30/1985'],
    ['a future date', 'DOB 2999-01-01'],
    ['a year before 1900', 'born 1850-01-01'],
    ['"born" with only a year', 'born in 1985'],
    ['a version string', 'DOB field added in 1.2.2024.1'],
  ])('ignores %s', (_label, text) => {
    expect(detector.detect(text)).toEqual([]);
  });

  it('finds calendar dates and resolves two-digit years into the past', () => {
    const dates = findDates('on 29.02.2024 and 02/03/99, not 31/04/2020', 2025);
    expect(dates.map(({ year, month, day }) => [year, month, day])).toEqual([
      [2024, 2, 29],
      [1999, 2, 3],
    ]);
  });
});
