/**
 * Context for detectors whose shapes alone prove little (9-digit numbers, dates, short ids): the
 * words beside a candidate raise or lower its score, and a candidate whose score ends below
 * {@link REPORT_FLOOR} is not reported. Validators (checksums, ranges) decide first.
 */
import { textAfter, textBefore } from './text-boundaries.js';
import { isAsciiDigitCode } from '../ascii-digits.js';

/** Lowest score a contextual finding may have and still be reported. */
export const REPORT_FLOOR = 0.5;

/** How far (in characters) a cue may be before or after a candidate. */
export interface CueDistance {
  before: number;
  after: number;
}

const ID_WORD = String.raw`(?:id|no|nr|number|num|code)\b\.?[ \t#:=-]{0,4}`;
const STRONG_ID_LABEL = String.raw`\b(?:order|invoice|tracking|shipment|parcel|ticket|confirmation|booking|reservation|transaction|txn|sku|serial|isbn|ean|gtin|upc|build|job)s?\b[ \t#:.=-]{0,4}(?:${ID_WORD})?`;
const GENERIC_ID_LABEL = String.raw`\b(?:ref|reference|case|part|model|item|package|request|employee|customer|member|user)s?[ \t]{0,2}(?:${ID_WORD}|#[ \t]{0,2})`;
/**
 * Words that label the number right after them as an ordinary id ("Order #", "Tracking no.:",
 * "Customer ID"). Anchored at the end: the label must be the last thing before the candidate.
 * Generic words ("reference", "customer") count only with an id word after them: "for your
 * reference: 4111..." does not make a card an id. ("Account number" is not here: a card number
 * is the primary account number.)
 */
const ID_LABEL_BEFORE = new RegExp(`(?:${STRONG_ID_LABEL}|${GENERIC_ID_LABEL}|#)$`, 'i');

/**
 * The text before `start`, at most `distance` characters, cut just after the last digit in it. A
 * cue then belongs to the nearest number: in "SSN 536-22-8745, employee 482913745" the SSN cue
 * does not reach the employee number.
 */
export function windowBefore(text: string, start: number, distance: number): string {
  const window = textBefore(text, start, distance);
  for (let index = window.length - 1; index >= 0; index--) {
    const code = window.charCodeAt(index);
    if (isAsciiDigitCode(code)) return window.slice(index + 1);
  }
  return window;
}

/** The text after `end`, at most `distance` characters, cut just before the first digit in it. */
export function windowAfter(text: string, end: number, distance: number): string {
  const window = textAfter(text, end, distance);
  const firstDigit = window.search(/\d/);
  return firstDigit < 0 ? window : window.slice(0, firstDigit);
}

/** True when `cue` occurs in the nearest-number window before or after the span. */
export function hasCueAround(text: string, start: number, end: number, cue: RegExp, distance: CueDistance): boolean {
  return cue.test(windowBefore(text, start, distance.before)) || cue.test(windowAfter(text, end, distance.after));
}

/** True when the candidate at `start` is labelled as an ordinary id (order, tracking, invoice...). */
export function hasIdLabelBefore(text: string, start: number): boolean {
  return ID_LABEL_BEFORE.test(windowBefore(text, start, 32));
}
