/** IBANs, plain or in groups separated by spaces, dots, dashes or slashes, checked by validator's `isIBAN` (country length + mod 97). */
import validator from 'validator';
import type { DetectedEntity, Detector } from '../classifier.js';
import { isWordCharacterAt } from './text-boundaries.js';

/*
 * Country code, check digits, then 11-30 alphanumerics each optionally preceded by one space, dot,
 * dash or slash (other separators reach this detector as spaces through the separator view):
 * each repetition consumes exactly one alphanumeric, so the greedy match is linear and bounded.
 * It may run on into following words, so shorter prefixes are tried below. Lower case is accepted
 * ("gb82 west ...", as people type it) because the mod-97 check, not the case, is the evidence.
 */
const IBAN_CANDIDATE = /(?<!\w)[A-Za-z]{2}[ ./-]?\d{2}(?:[ ./-]?[A-Za-z0-9]){11,30}/g;
const MIN_IBAN_LENGTH = 15;
const MAX_IBAN_LENGTH = 34;

/** Creates the detector for `IBAN_CODE`. */
export function createIbanDetector(): Detector {
  const name = 'iban';
  return {
    name,
    entityTypes: ['IBAN_CODE'],
    detect(text: string): DetectedEntity[] {
      const entities: DetectedEntity[] = [];
      const candidates = new RegExp(IBAN_CANDIDATE.source, 'g');
      let match: RegExpExecArray | null;
      while ((match = candidates.exec(text)) !== null) {
        const found = longestIbanPrefix(text, match.index, match[0]);
        if (found === undefined) continue;
        entities.push({
          type: 'IBAN_CODE',
          start: match.index,
          end: found.end,
          score: 0.95,
          reason: `${found.country} IBAN with valid length and mod-97 checksum`,
          detector: name,
        });
        candidates.lastIndex = found.end;
      }
      return entities;
    },
  };
}

/** The longest prefix of the candidate that ends at a token boundary and is a valid IBAN. */
function longestIbanPrefix(text: string, start: number, candidate: string): { end: number; country: string } | undefined {
  const compact: string[] = [];
  const ends: number[] = [];
  for (let index = 0; index < candidate.length; index++) {
    if (' ./-'.includes(candidate[index]!)) continue;
    compact.push(candidate[index]!);
    ends.push(start + index + 1);
  }
  for (let length = Math.min(MAX_IBAN_LENGTH, compact.length); length >= MIN_IBAN_LENGTH; length--) {
    const end = ends[length - 1]!;
    // Never cut a group in half: the IBAN must end where the text's token ends.
    if (isWordCharacterAt(text, end)) continue;
    const iban = compact.slice(0, length).join('').toUpperCase();
    if (validator.isIBAN(iban)) return { end, country: iban.slice(0, 2) };
  }
  return undefined;
}
