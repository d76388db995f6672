/**
 * Number detectors look for runs of digit groups (cards, phones), and a text holds many short
 * numbers (years, counts, prices) that can never be one. Matching the run regex over the whole
 * text made a result object for each of them; here the regex runs only over the stretches of
 * digit-and-separator characters that hold enough digits, so those numbers cost a character test.
 */
import { forEachMatch } from '../regex-matches.js';

/**
 * Calls `visit` with each match of the global `pattern` in `text` (its index in `text`), where
 * `pattern` matches only digits and characters `isJoiner` accepts, so a match lies inside one
 * stretch of such characters: only stretches with at least `minDigits` ASCII digits are searched.
 * Each is searched with the character before it, which a one-character look-behind reads; the
 * pattern's look-behinds must need no more than that at a stretch's start.
 */
export function forEachMatchInDigitStretches(
  text: string,
  pattern: RegExp,
  isJoiner: (code: number) => boolean,
  minDigits: number,
  visit: (match: RegExpExecArray, index: number) => void,
): void {
  let start = 0;
  let digits = 0;
  for (let index = 0; index <= text.length; index++) {
    const code = index < text.length ? text.charCodeAt(index) : -1;
    if (code >= 48 && code <= 57) digits += 1;
    else if (code === -1 || !isJoiner(code)) {
      if (digits >= minDigits) {
        const offset = Math.max(0, start - 1);
        forEachMatch(text.slice(offset, index), pattern, (match) => visit(match, offset + match.index));
      }
      start = index + 1;
      digits = 0;
    }
  }
}
