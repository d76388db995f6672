/**
 * Calendar dates in the formats people type: 03/14/1985, 14.03.1985, 1985-03-14, 14 March 1985,
 * March 14, 1985, 14-Mar-85; English, German and French month names. Only real dates are kept.
 */

/** A date found in text, with its span and calendar value. */
export interface DateCandidate {
  start: number;
  end: number;
  year: number;
  month: number;
  day: number;
}

const MONTHS: readonly (readonly string[])[] = [
  ['jan', 'january', 'januar', 'janvier', 'jän', 'jänner'],
  ['feb', 'february', 'februar', 'février', 'fév', 'fevrier'],
  ['mar', 'march', 'märz', 'mars', 'maerz'],
  ['apr', 'april', 'avril', 'avr'],
  ['may', 'mai'],
  ['jun', 'june', 'juni', 'juin'],
  ['jul', 'july', 'juli', 'juillet', 'juil'],
  ['aug', 'august', 'août', 'aout'],
  ['sep', 'sept', 'september', 'septembre'],
  ['oct', 'october', 'oktober', 'okt', 'octobre'],
  ['nov', 'november', 'novembre'],
  ['dec', 'december', 'dezember', 'dez', 'décembre', 'déc', 'decembre'],
];
const MONTH_BY_NAME = new Map(MONTHS.flatMap((names, index) => names.map((name) => [name, index + 1] as const)));
// Longest names first so "march" wins over "mar"; the names are fixed, so the alternation is bounded.
const MONTH = `(${[...MONTH_BY_NAME.keys()].sort((left, right) => right.length - left.length).join('|')})`;
const DAY = String.raw`(\d{1,2})(?:st|nd|rd|th|er)?`;

/*
 * Each pattern is fixed-width pieces and bounded separators; the look-arounds keep a date from
 * being a slice of a longer dotted, slashed or dashed number (versions, ids, IP addresses).
 */
const NUMERIC = /(?<![\w/.-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?![\w/]|[.-]\d)/g;
const ISO = /(?<![\w/.-])(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?![\w/]|[.-]\d)/g;
// No `u` flag: case-insensitive Unicode matching of the month alternation is many times slower.
const DAY_MONTH_YEAR = new RegExp(String.raw`(?<![\w.])${DAY}\.?[ \-](?:of )?${MONTH}\.?[ ,\-]{1,2}(\d{4}|\d{2})(?!\w)`, 'gi');
const MONTH_DAY_YEAR = new RegExp(String.raw`(?<![A-Za-zÀ-ÿ])${MONTH}\.? ${DAY},? (\d{4})(?!\w)`, 'gi');

/** Every valid date in the text, in text order, without overlaps. `currentYear` resolves 2-digit years. */
export function findDates(text: string, currentYear: number = new Date().getFullYear()): DateCandidate[] {
  const found: DateCandidate[] = [];
  // exec loops rather than matchAll: this runs in many small windows, where matchAll's regex clone costs more than the match.
  for (let match = first(NUMERIC, text); match !== null; match = NUMERIC.exec(text)) {
    addDate(found, currentYear, match.index, match[0].length, match[4]!, Number(match[1]), Number(match[3]), true);
  }
  for (let match = first(ISO, text); match !== null; match = ISO.exec(text)) addDate(found, currentYear, match.index, match[0].length, match[1]!, Number(match[3]), Number(match[4]));
  for (let match = first(DAY_MONTH_YEAR, text); match !== null; match = DAY_MONTH_YEAR.exec(text)) {
    addDate(found, currentYear, match.index, match[0].length, match[3]!, MONTH_BY_NAME.get(match[2]!.toLowerCase())!, Number(match[1]));
  }
  for (let match = first(MONTH_DAY_YEAR, text); match !== null; match = MONTH_DAY_YEAR.exec(text)) {
    addDate(found, currentYear, match.index, match[0].length, match[3]!, MONTH_BY_NAME.get(match[1]!.toLowerCase())!, Number(match[2]));
  }
  if (found.length < 2) return found;
  found.sort((left, right) => left.start - right.start || right.end - left.end);
  const kept: DateCandidate[] = [];
  for (const candidate of found) {
    if (kept.length === 0 || candidate.start >= kept[kept.length - 1]!.end) kept.push(candidate);
  }
  return kept;
}

/**
 * Adds a matched date when it is a real one. A module function, not a closure in findDates: it
 * runs in many small windows per request, and under tsx each closure also has its name defined.
 */
function addDate(found: DateCandidate[], currentYear: number, start: number, length: number, year: string, month: number, day: number, usOrder = false): void {
  const fullYear = expandYear(year, currentYear);
  if (isRealDate(fullYear, month, day)) found.push({ start, end: start + length, year: fullYear, month, day });
  // 03/04/1985 is ambiguous: keep the day-first reading only when month-first is impossible.
  else if (usOrder && isRealDate(fullYear, day, month)) found.push({ start, end: start + length, year: fullYear, month: day, day: month });
}

/** Starts a module-level global regex from the beginning of `text` (findDates is synchronous, so sharing is safe). */
function first(pattern: RegExp, text: string): RegExpExecArray | null {
  pattern.lastIndex = 0;
  return pattern.exec(text);
}

/** Two-digit years are the most recent year with those digits that is not in the future. */
function expandYear(year: string, currentYear: number): number {
  if (year.length === 4) return Number(year);
  const candidate = Math.floor(currentYear / 100) * 100 + Number(year);
  return candidate > currentYear ? candidate - 100 : candidate;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const isLeap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return day <= (month === 2 && isLeap ? 29 : DAYS_IN_MONTH[month - 1]!);
}
