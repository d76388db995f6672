/** IBANs, plain or in groups separated by spaces, dots, dashes or slashes, checked by validator's `isIBAN` (country length + mod 97). */
import validator from 'validator';
import type { DetectedEntity, Detector } from '../classifier.js';
import { isWordCharacterAt } from './text-boundaries.js';

/*
 * Where an IBAN may start: a country code and check digits at the start of a word. From there
 * the candidate runs over 11-30 more alphanumerics, each optionally preceded by one space, dot,
 * dash or slash (other separators reach this detector as spaces through the separator view). It
 * may run on into following words, so shorter prefixes are tried too, and when none is an IBAN
 * the next start inside the candidate is tried ("to 12 GB82 WEST ..." holds an IBAN after "to 12").
 * Lower case is accepted ("gb82 west ...", as people type it): the mod-97 check, not the case, is
 * the evidence.
 */
const IBAN_START = /(?<!\w)[A-Za-z]{2}[ ./-]?\d{2}/g;
const MIN_IBAN_LENGTH = 15;
const MAX_IBAN_LENGTH = 34;
/** Countries that issue IBANs: a start whose two letters name none is skipped unchecked. */
const IBAN_COUNTRIES: ReadonlySet<string> = new Set(validator.ibanLocales);

/** Creates the detector for `IBAN_CODE`. */
export function createIbanDetector(): Detector {
  const name = 'iban';
  return {
    name,
    entityTypes: ['IBAN_CODE'],
    detect(text: string): DetectedEntity[] {
      const entities: DetectedEntity[] = [];
      const starts = new RegExp(IBAN_START.source, 'g');
      let match: RegExpExecArray | null;
      while ((match = starts.exec(text)) !== null) {
        const country = match[0].slice(0, 2).toUpperCase();
        if (!IBAN_COUNTRIES.has(country)) continue;
        const end = longestIbanEnd(text, match.index, match.index + match[0].length);
        if (end === undefined) continue;
        entities.push({ type: 'IBAN_CODE', start: match.index, end, score: 0.95, reason: `${country} IBAN with valid length and mod-97 checksum`, detector: name });
        starts.lastIndex = end;
      }
      return entities;
    },
  };
}

/**
 * The end of the longest IBAN that starts at `start` (its first four characters end at
 * `headEnd`) and ends where a token ends; undefined when there is none.
 *
 * Every prefix is checked at once by mod 97 (ISO 13616: the first four characters move to the
 * end, letters count as 10-35): only a prefix whose remainder is 1 can be valid, so `isIBAN` runs
 * about once in 97 lengths, and a start costs at most 34 steps without allocating, which keeps a
 * scan that tries every start linear.
 */
function longestIbanEnd(text: string, start: number, headEnd: number): number | undefined {
  let head = 0;
  let headScale = 1;
  for (let index = start; index < headEnd; index++) {
    const code = upperCode(text.charCodeAt(index));
    if (isSeparator(code)) continue;
    head = appendMod97(head, code);
    headScale = (headScale * (code <= 57 ? 10 : 100)) % 97;
  }
  // Characters 5..34 of the candidate: each alphanumeric, optionally after one separator.
  const possibleEnds: number[] = [];
  let body = 0;
  let length = 4;
  let index = headEnd;
  while (length < MAX_IBAN_LENGTH) {
    const at = isSeparator(text.charCodeAt(index)) ? index + 1 : index;
    const code = upperCode(text.charCodeAt(at));
    if (!isAlphanumeric(code)) break;
    body = appendMod97(body, code);
    length += 1;
    index = at + 1;
    // Never cut a group in half: the IBAN must end where the text's token ends.
    if (length >= MIN_IBAN_LENGTH && (body * headScale + head) % 97 === 1 && !isWordCharacterAt(text, index)) possibleEnds.push(index);
  }
  for (const end of possibleEnds.reverse()) {
    if (validator.isIBAN(text.slice(start, end).replace(/[ ./-]/g, '').toUpperCase())) return end;
  }
  return undefined;
}

/** `remainder` (mod 97) with one IBAN character appended: a digit, or a letter as its two digits 10-35. */
function appendMod97(remainder: number, code: number): number {
  return code <= 57 ? (remainder * 10 + code - 48) % 97 : (remainder * 100 + code - 55) % 97;
}

/** The character code in upper case for a-z, unchanged otherwise. */
function upperCode(code: number): number {
  return code >= 97 && code <= 122 ? code - 32 : code;
}

function isAlphanumeric(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90);
}

/** Space, dot, dash or slash: the one separator allowed between two characters of an IBAN. */
function isSeparator(code: number): boolean {
  return code === 32 || code === 46 || code === 45 || code === 47;
}
