/**
 * Number detectors look for runs of digit groups (cards, phones), and a text holds many short
 * numbers (years, counts, prices) that can never be one. Matching the run regex over the whole
 * text made a result object for each of them; here the regex runs only over the stretches of
 * digit-and-separator characters that hold enough digits, and as a sticky `test` at each position,
 * which builds no result object: a run costs only its own text.
 */
import { isAsciiDigitCode } from '../ascii-digits.js';

/** The sticky twin of each global pattern, made once. */
const stickyTwins = new WeakMap<RegExp, RegExp>();

/**
 * Calls `visit` with each match of the global `pattern` in `text` and its index, as
 * `String.prototype.matchAll` would find them, where `pattern` matches only digits and characters
 * `isJoiner` accepts (so a match lies inside one stretch of such characters) and never matches
 * the empty string: only stretches with at least `minDigits` ASCII digits are searched. The
 * pattern's look-arounds read the whole text, as they would in a global search.
 */
export function forEachRunInDigitStretches(
  text: string,
  pattern: RegExp,
  isJoiner: (code: number) => boolean,
  minDigits: number,
  visit: (run: string, index: number) => void,
): void {
  const sticky = stickyTwin(pattern);
  let start = 0;
  let digits = 0;
  for (let index = 0; index <= text.length; index++) {
    const code = index < text.length ? text.charCodeAt(index) : -1;
    if (isAsciiDigitCode(code)) digits += 1;
    else if (code === -1 || !isJoiner(code)) {
      if (digits >= minDigits) searchStretch(text, sticky, start, index, visit);
      start = index + 1;
      digits = 0;
    }
  }
}

/** Leftmost-first matches in [start, end), each search resuming where the last match ended, as a global search does. */
function searchStretch(text: string, sticky: RegExp, start: number, end: number, visit: (run: string, index: number) => void): void {
  let position = start;
  while (position < end) {
    sticky.lastIndex = position;
    if (sticky.test(text) && sticky.lastIndex > position) {
      const matchEnd = sticky.lastIndex;
      visit(text.slice(position, matchEnd), position);
      position = matchEnd;
    } else position += 1;
  }
}

function stickyTwin(pattern: RegExp): RegExp {
  if (!pattern.global) throw new TypeError(`forEachRunInDigitStretches needs a global regex, got ${String(pattern)}`);
  let twin = stickyTwins.get(pattern);
  if (twin === undefined) {
    twin = new RegExp(pattern.source, `${pattern.flags.replace('g', '')}y`);
    stickyTwins.set(pattern, twin);
  }
  return twin;
}
