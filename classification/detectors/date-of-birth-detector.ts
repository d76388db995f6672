/**
 * Dates of birth: a real, past date (see date-candidates.ts) that is the nearest date within ~40
 * characters after a birth word (born, DOB, date of birth, birthday, geboren, né le ...), or
 * within 16 characters before one in the same clause ("1985-03-14 (DOB)").
 */
import type { DetectedEntity, Detector } from '../classifier.js';
import { findDates, type DateCandidate } from './date-candidates.js';
import { forEachMatch } from '../regex-matches.js';

/* No `u` flag: case-insensitive Unicode matching made this scan 30x slower (20 ms per 200 KB). */
const BIRTH_CUE =
  /\bborn\b|\bdob\b|\bd\.o\.b\b|date of birth|\bbirth ?(?:date|day)\b|\bb-?day\b|\bgeboren\b|\bgeb\.|geburtsdatum|geburtstag|(?<![A-Za-zÀ-ÿ])n[ée]e? le\b|date de naissance|fecha de nacimiento|data di nascita/gi;
const CUE_BEFORE = 40;
const CUE_AFTER = 16;
/** Longer than any date format in date-candidates.ts ("22nd of September, 1985" is 23). */
const MAX_DATE_LENGTH = 32;
const EARLIEST_BIRTH_YEAR = 1900;

/** Creates the detector for `DATE_OF_BIRTH`. */
export function createDateOfBirthDetector(): Detector {
  const name = 'date-of-birth';
  return {
    name,
    entityTypes: ['DATE_OF_BIRTH'],
    detect(text: string): DetectedEntity[] {
      const now = new Date();
      const currentYear = now.getFullYear();
      const byStart = new Map<number, DetectedEntity>();
      // Cues are rare and cheap to find; dates are searched only in small windows around them.
      forEachMatch(text, BIRTH_CUE, (cue) => {
        const cueStart = cue.index;
        const cueEnd = cueStart + cue[0].length;
        // The first date after the cue: "DOB 03/14/1985, admitted 2024-01-15" flags only the first.
        const next = findDates(text.slice(cueEnd, cueStart + CUE_BEFORE + MAX_DATE_LENGTH), currentYear)[0];
        if (next !== undefined && cueEnd + next.start - cueStart <= CUE_BEFORE) reportBirthDate(byStart, now, next, cueEnd, name);
        // The last date before the cue, if the cue follows it in the same clause.
        const windowStart = Math.max(0, cueStart - CUE_AFTER - MAX_DATE_LENGTH);
        const previous = findDates(text.slice(windowStart, cueStart), currentYear).at(-1);
        if (previous === undefined || cueEnd - (windowStart + previous.end) > CUE_AFTER) return;
        if (!/[,.;\n]/.test(text.slice(windowStart + previous.end, cueStart))) reportBirthDate(byStart, now, previous, windowStart, name);
      });
      return [...byStart.values()].sort((left, right) => left.start - right.start);
    },
  };
}

/** Records a date found beside a cue when it can be a birth date (a module function: see findDates' addDate). */
function reportBirthDate(byStart: Map<number, DetectedEntity>, now: Date, date: DateCandidate, offset: number, detector: string): void {
  const born = Date.UTC(date.year, date.month - 1, date.day);
  // A birth date is in the past and within a human lifetime; anything else is a different date.
  if (date.year < EARLIEST_BIRTH_YEAR || born > now.getTime()) return;
  const start = offset + date.start;
  byStart.set(start, { type: 'DATE_OF_BIRTH', start, end: offset + date.end, score: 0.85, reason: 'past calendar date beside a date-of-birth cue', detector });
}
