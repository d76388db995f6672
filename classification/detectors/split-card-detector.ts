/**
 * A card number cut into pieces with words between them ("card starts 4111 1111 ... and ends
 * 1111 1111"), as happens when a request's parts are joined or a person dictates a number. The
 * pieces must be card-shaped (fours, the last one shorter), close together, and near a card word;
 * the joined digits must pass the card's validation (Luhn, brand prefix and length).
 */
import type { DetectedEntity, Detector } from '../classifier.js';
import { cardBrandOf, isLuhnValid } from './card-brands.js';
import { textAfter, textBefore } from './text-boundaries.js';

/** A digit group standing alone: 1-4 digits not inside a longer number. */
const GROUP = /(?<![\d.,])\d{1,4}(?!\d|[.,]\d)/g;
/** Words between pieces: at most this many characters, and no digits. */
const MAX_GAP = 48;
/** Card words, and the words people use to dictate a number in pieces ("starts ...", "ends ..."). */
const CARD_CUE = /\b(?:card|visa|master ?card|amex|discover|credit|debit|cc|pan|starts?|starting|ends?|ending)\b/i;

/**
 * Every {@link GROUP} in the text. `test` and `lastIndex` rather than `matchAll`: a text holds
 * hundreds of numbers, and a match array for each is garbage the collector must then sweep.
 */
function digitGroups(text: string): { digits: string; start: number; end: number }[] {
  const groups: { digits: string; start: number; end: number }[] = [];
  GROUP.lastIndex = 0;
  while (GROUP.test(text)) {
    const end = GROUP.lastIndex;
    // GROUP's look-arounds admit no digit on either side, so a match is a whole digit run: it starts where the run does.
    let start = end - 1;
    while (start > 0 && isAsciiDigit(text.charCodeAt(start - 1))) start -= 1;
    groups.push({ digits: text.slice(start, end), start, end });
  }
  return groups;
}

function isAsciiDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** Creates the detector for `CREDIT_CARD` numbers split by words. */
export function createSplitCardDetector(): Detector {
  const name = 'split-card';
  return {
    name,
    entityTypes: ['CREDIT_CARD'],
    detect(text: string): DetectedEntity[] {
      const groups = digitGroups(text);
      const entities: DetectedEntity[] = [];
      let next = 0;
      for (let first = 0; first < groups.length; first++) {
        if (first < next || groups[first]!.digits.length !== 4) continue;
        let digits = '';
        let hasWordGap = false;
        let found: DetectedEntity | undefined;
        for (let last = first; last < groups.length && last < first + 5; last++) {
          const group = groups[last]!;
          if (last > first) {
            const gap = text.slice(groups[last - 1]!.end, group.start);
            if (gap.length > MAX_GAP) break;
            hasWordGap ||= /[A-Za-z]/.test(gap);
          }
          digits += group.digits;
          // Every piece but the last is four digits.
          if (group.digits.length !== 4 && digits.length < 13) break;
          if (digits.length > 19) break;
          const isLastPiece = group.digits.length !== 4;
          const brand = digits.length < 13 || !hasWordGap || !isLuhnValid(digits) ? undefined : cardBrandOf(digits);
          if (brand === undefined) {
            if (isLastPiece) break;
            continue;
          }
          const start = groups[first]!.start;
          if (!CARD_CUE.test(textBefore(text, start, 80)) && !CARD_CUE.test(text.slice(start, group.end)) && !CARD_CUE.test(textAfter(text, group.end, 40))) continue;
          found = { type: 'CREDIT_CARD', start, end: group.end, score: 0.7, reason: `Luhn-valid ${digits.length}-digit ${brand} number split by words`, detector: name };
          next = last + 1;
          if (isLastPiece) break;
        }
        if (found) entities.push(found);
      }
      return entities;
    },
  };
}
