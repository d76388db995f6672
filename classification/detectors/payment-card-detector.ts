/**
 * Payment card numbers: 13-19 digits, plain or grouped with spaces, dashes, dots or slashes, that
 * are Luhn-valid and carry a known brand prefix and length. Validation decides: a label such as
 * "Order #" before a valid card lowers its score but never hides it (a label is a hint, not a proof).
 */
import type { DetectedEntity, Detector } from '../classifier.js';
import { cardBrandOf, isLuhnValid } from './card-brands.js';
import { hasIdLabelBefore } from './context-cues.js';
import { forEachRunInDigitStretches } from './digit-stretches.js';
import { isAllSameCharacter, isWordCharacterAt, textAfter, textBefore } from './text-boundaries.js';

/*
 * A run of up to 19 digit groups joined by single spaces, dashes, dots or slashes (other separator
 * runs reach this detector as single spaces through the separator view). Groups cannot swallow
 * separators and vice versa, so the greedy match is linear. The lookbehinds start a run only where
 * a number starts: not inside a word or a longer grouped number. Commas do separate numbers:
 * "4111111111111111,5555555555554444" is a CSV row of two cards.
 */
const DIGIT_GROUP_RUN = /(?<!\w)(?<!\d[./\- ])\d{1,19}(?:[ ./-]\d{1,19}){0,18}/g;
/** What may not follow a run: more of the same number (another group). */
const CONTINUES_NUMBER = /^[ ./-]\d/;
/** Fewest digits of a card number. */
const MIN_CARD_DIGITS = 13;
/** Score of a valid card behind an id label ("Order #", "Invoice number"): lower, still reported. */
const LABELLED_CARD_SCORE = 0.6;
/** Words that make a number a card even where a label would say otherwise. */
const CARD_CUE = /\b(?:card|visa|master ?card|amex|american express|discover|jcb|diners|maestro|unionpay|cc|credit|debit|pan|cvv|cvc|expir\w*|exp)\b/i;

interface DigitGroup {
  digits: string;
  start: number;
  end: number;
  /** The separator before this group ('' for the first). */
  separator: string;
}

/** Creates the detector for `CREDIT_CARD`. */
export function createPaymentCardDetector(): Detector {
  const name = 'payment-card';
  return {
    name,
    entityTypes: ['CREDIT_CARD'],
    detect(text: string): DetectedEntity[] {
      const entities: DetectedEntity[] = [];
      // Most numbers are short: only stretches with a card's 13 digits are searched (this runs on every view of every request).
      forEachRunInDigitStretches(text, DIGIT_GROUP_RUN, isCardJoiner, MIN_CARD_DIGITS, (run, index) => {
        if (run.length < MIN_CARD_DIGITS) return;
        const end = index + run.length;
        // A run cut short by the regex's bounds, or glued to letters, is part of something longer.
        if (isWordCharacterAt(text, end) || CONTINUES_NUMBER.test(text.slice(end, end + 2))) return;
        for (const entity of cardsInRun(splitGroups(run, index), name)) {
          // "Order #4532015112830366": the label may be right, but a number that passes a card's
          // validation is kept local anyway; the label only lowers the score.
          if (hasIdLabelBefore(text, entity.start) && !hasCardWordNearby(text, entity.start, entity.end)) {
            entities.push({ ...entity, score: LABELLED_CARD_SCORE, reason: `${entity.reason} behind an id label (a valid card whatever its label)` });
          } else entities.push(entity);
        }
      });
      return entities;
    },
  };
}

/** A card word anywhere close, earlier numbers or not: a protecting cue may be generous. */
function hasCardWordNearby(text: string, start: number, end: number): boolean {
  return CARD_CUE.test(textBefore(text, start, 80)) || CARD_CUE.test(textAfter(text, end, 40));
}

/** The separators a card run has besides digits: space, ".", "/", "-". */
function isCardJoiner(code: number): boolean {
  return code === 32 || code === 46 || code === 47 || code === 45;
}

const DIGITS = /\d+/g;

function splitGroups(run: string, offset: number): DigitGroup[] {
  const groups: DigitGroup[] = [];
  DIGITS.lastIndex = 0;
  for (let match = DIGITS.exec(run); match !== null; match = DIGITS.exec(run)) {
    const separator = match.index === 0 ? '' : run.charAt(match.index - 1);
    groups.push({ digits: match[0], start: offset + match.index, end: offset + match.index + match[0].length, separator });
  }
  return groups;
}

/** Left to right, the longest window of whole groups that forms a valid card. */
function cardsInRun(groups: DigitGroup[], detector: string): DetectedEntity[] {
  const entities: DetectedEntity[] = [];
  if (isOneLongGroupedNumber(groups)) return entities;
  let first = 0;
  while (first < groups.length) {
    const found = longestCardFrom(groups, first, detector);
    if (found === undefined) {
      first += 1;
      continue;
    }
    entities.push(found.entity);
    first = found.nextGroup;
  }
  return entities;
}

function longestCardFrom(
  groups: DigitGroup[],
  first: number,
  detector: string,
): { entity: DetectedEntity; nextGroup: number } | undefined {
  let best: { entity: DetectedEntity; nextGroup: number } | undefined;
  let digits = '';
  for (let last = first; last < groups.length; last++) {
    const group = groups[last]!;
    digits += group.digits;
    if (digits.length > 19) break;
    const window = groups.slice(first, last + 1);
    if (digits.length < 13 || !hasCardLayout(window) || isDecimal(groups, first, last)) continue;
    if (isAllSameCharacter(digits) || !isLuhnValid(digits)) continue;
    const brand = cardBrandOf(digits);
    if (brand === undefined) continue;
    best = {
      entity: {
        type: 'CREDIT_CARD',
        start: groups[first]!.start,
        end: group.end,
        score: 0.95,
        reason: `Luhn-valid ${digits.length}-digit ${brand} number`,
        detector,
      },
      nextGroup: last + 1,
    };
  }
  return best;
}

/*
 * Cards are printed plain, in fours (last group shorter for 13/15/19 digits), as Amex 4-6-5 and
 * Diners 4-6-4, or one digit at a time. Other groupings (ISBNs 978-3-16-148410-0, phone numbers,
 * dates) are not cards even when the digits happen to pass Luhn. Separators may be mixed
 * ("4111 1111-1111.1111"): the grouping, not the punctuation, is the card's shape.
 */
function hasCardLayout(window: DigitGroup[]): boolean {
  if (window.length === 1) return true;
  const lengths = window.map((group) => group.digits.length);
  if (lengths.every((length) => length === 1)) return true;
  const shape = lengths.join('-');
  if (shape === '4-6-5' || shape === '4-6-4') return true;
  const lastLength = lengths[lengths.length - 1]!;
  return lengths.slice(0, -1).every((length) => length === 4) && lastLength >= 1 && lastLength <= 4;
}

/** "4111111111111111.25", "0.4111111111111111": one long group beside a dot is a decimal number. */
function isDecimal(groups: DigitGroup[], first: number, last: number): boolean {
  if (first !== last) return false;
  return groups[first]!.separator === '.' || groups[last + 1]?.separator === '.';
}

/**
 * "9400 1000 0000 4111 1111 1111 11": more than 19 digits printed in fours is one long number (a
 * postal tracking number, an account), and a card-shaped slice of it is a coincidence.
 */
function isOneLongGroupedNumber(groups: DigitGroup[]): boolean {
  if (groups.length < 2) return false;
  const total = groups.reduce((sum, group) => sum + group.digits.length, 0);
  const separators = new Set(groups.slice(1).map((group) => group.separator));
  return total > 19 && separators.size === 1 && groups.slice(0, -1).every((group) => group.digits.length === 4);
}
