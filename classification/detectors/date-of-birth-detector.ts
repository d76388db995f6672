/**
 * Dates of birth: a real, past date (see date-candidates.ts) within ~40 characters after a birth
 * word (born, DOB, date of birth, birthday, geboren, né le ...) or just before one.
 */
import type { DetectedEntity, Detector } from '../classifier.js';
import { findDates } from './date-candidates.js';
import { textAfter, textBefore } from './text-boundaries.js';

const BIRTH_CUE =
  /\bborn\b|\bdob\b|\bd\.o\.b\b|date of birth|\bbirth ?(?:date|day)\b|\bb-?day\b|\bgeboren\b|\bgeb\.|geburtsdatum|geburtstag|(?<![\p{L}])n[ée]e? le\b|date de naissance|fecha de nacimiento|data di nascita/iu;
const CUE_BEFORE = 40;
const CUE_AFTER = 16;
const EARLIEST_BIRTH_YEAR = 1900;

/** Creates the detector for `DATE_OF_BIRTH`. */
export function createDateOfBirthDetector(): Detector {
  const name = 'date-of-birth';
  return {
    name,
    entityTypes: ['DATE_OF_BIRTH'],
    detect(text: string): DetectedEntity[] {
      const now = new Date();
      const dates = findDates(text, now);
      const entities: DetectedEntity[] = [];
      for (const [index, date] of dates.entries()) {
        // A cue belongs to the nearest date: "DOB 03/14/1985, admitted 2024-01-15" flags only the first.
        const previousEnd = index > 0 ? dates[index - 1]!.end : 0;
        const nextStart = index + 1 < dates.length ? dates[index + 1]!.start : text.length;
        const before = textBefore(text, date.start, Math.min(CUE_BEFORE, date.start - previousEnd));
        // After the date only a cue in the same clause counts: "1985-03-14 (DOB)", not "..., born".
        const after = textAfter(text, date.end, Math.min(CUE_AFTER, nextStart - date.end)).split(/[,.;\n]/)[0]!;
        if (!BIRTH_CUE.test(before) && !BIRTH_CUE.test(after)) continue;
        const born = Date.UTC(date.year, date.month - 1, date.day);
        // A birth date is in the past and within a human lifetime; anything else is a different date.
        if (date.year < EARLIEST_BIRTH_YEAR || born > now.getTime()) continue;
        entities.push({
          type: 'DATE_OF_BIRTH',
          start: date.start,
          end: date.end,
          score: 0.85,
          reason: 'past calendar date beside a date-of-birth cue',
          detector: name,
        });
      }
      return entities;
    },
  };
}
