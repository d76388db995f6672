/**
 * A card number cut into pieces with words between them ("card starts 4111 1111 ... and ends
 * 1111 1111"), as happens when a request's parts are joined or a person dictates a number. The
 * pieces must be card-shaped (fours, the last one shorter), close together, and near a card word;
 * the joined digits must pass the card's validation (Luhn, brand prefix and length).
 */
import type { DetectedEntity, Detector } from '../classifier.js';
import { cardBrandOf, isLuhnValid } from './card-brands.js';
import { textAfter, textBefore } from './text-boundaries.js';
import { isAsciiDigitCode } from '../ascii-digits.js';

/** A digit group standing alone: 1-4 digits not inside a longer number. */
const GROUP = /(?<![\d.,])\d{1,4}(?!\d|[.,]\d)/g;
/** Words between pieces: at most this many characters, and no digits. */
const MAX_GAP = 48;
/** Card words, and the words people use to dictate a number in pieces ("starts ...", "ends ..."). */
const CARD_CUE = /\b(?:card|visa|master ?card|amex|discover|credit|debit|cc|pan|starts?|starting|ends?|ending)\b/i;

/**
 * Where every {@link GROUP} in the text starts and ends, in two typed arrays reused from call to call
 * (grown when a text has more groups): a text holds hundreds of numbers, and per-call arrays of them
 * were garbage for the collector on every view of every request. `detect` is synchronous and not
 * re-entered, so one pair serves every call; it returns how many groups it found.
 */
let groupStarts = new Int32Array(256);
let groupEnds = new Int32Array(256);

function findDigitGroups(text: string): number {
  let count = 0;
  GROUP.lastIndex = 0;
  while (GROUP.test(text)) {
    const end = GROUP.lastIndex;
    // GROUP's look-arounds admit no digit on either side, so a match is a whole digit run: it starts where the run does.
    let start = end - 1;
    while (start > 0 && isAsciiDigitCode(text.charCodeAt(start - 1))) start -= 1;
    if (count === groupStarts.length) {
      groupStarts = grown(groupStarts);
      groupEnds = grown(groupEnds);
    }
    groupStarts[count] = start;
    groupEnds[count] = end;
    count += 1;
  }
  return count;
}

function grown(values: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const larger = new Int32Array(values.length * 2);
  larger.set(values);
  return larger;
}

/** Whether text[from, to) holds an ASCII letter. */
function hasLetterBetween(text: string, from: number, to: number): boolean {
  for (let index = from; index < to; index++) {
    const code = text.charCodeAt(index) | 0x20;
    if (code >= 97 && code <= 122) return true;
  }
  return false;
}

/** Creates the detector for `CREDIT_CARD` numbers split by words. */
export function createSplitCardDetector(): Detector {
  const name = 'split-card';
  return {
    name,
    entityTypes: ['CREDIT_CARD'],
    detect(text: string): DetectedEntity[] {
      const groups = findDigitGroups(text);
      const starts = groupStarts;
      const ends = groupEnds;
      const entities: DetectedEntity[] = [];
      let next = 0;
      for (let first = 0; first < groups; first++) {
        if (first < next || ends[first]! - starts[first]! !== 4) continue;
        let digits = '';
        let hasWordGap = false;
        let found: DetectedEntity | undefined;
        for (let last = first; last < groups && last < first + 5; last++) {
          const groupStart = starts[last]!;
          const groupEnd = ends[last]!;
          if (last > first) {
            const gapStart = ends[last - 1]!;
            if (groupStart - gapStart > MAX_GAP) break;
            hasWordGap ||= hasLetterBetween(text, gapStart, groupStart);
          }
          const groupLength = groupEnd - groupStart;
          digits += text.slice(groupStart, groupEnd);
          // Every piece but the last is four digits.
          if (groupLength !== 4 && digits.length < 13) break;
          if (digits.length > 19) break;
          const isLastPiece = groupLength !== 4;
          const brand = digits.length < 13 || !hasWordGap || !isLuhnValid(digits) ? undefined : cardBrandOf(digits);
          if (brand === undefined) {
            if (isLastPiece) break;
            continue;
          }
          const start = starts[first]!;
          if (!CARD_CUE.test(textBefore(text, start, 80)) && !CARD_CUE.test(text.slice(start, groupEnd)) && !CARD_CUE.test(textAfter(text, groupEnd, 40))) continue;
          found = { type: 'CREDIT_CARD', start, end: groupEnd, score: 0.7, reason: `Luhn-valid ${digits.length}-digit ${brand} number split by words`, detector: name };
          next = last + 1;
          if (isLastPiece) break;
        }
        if (found) entities.push(found);
      }
      return entities;
    },
  };
}
