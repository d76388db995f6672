/**
 * Phone numbers: phone-shaped runs validated by libphonenumber-js (full metadata), international
 * (+...) or national under several default regions. Beside a phone word ("TEL", "call", "mobile",
 * "Telefon", ...) a number of a phone's shape is a phone number even when the numbering plan
 * rejects it: a person calls it a phone number, and so does every reviewer.
 */
import { parsePhoneNumberFromString, type CountryCode, type PhoneNumber } from 'libphonenumber-js/max';
import type { DetectedEntity, DetectionMemo, Detector } from '../classifier.js';
import { nationalLengthCheck, type NationalLengthCheck } from './national-number-lengths.js';
import { phoneCandidates } from './phone-candidates.js';
import { digitsOf } from './text-boundaries.js';

/** Options for the phone detector. */
export interface PhoneDetectorOptions {
  /** Regions whose national formats are accepted, tried in order (default US, GB, DE, FR). */
  regions?: readonly CountryCode[];
  /**
   * Most parser calls one `detect` may make. Parsing costs ~20 us; past this budget the detector
   * throws rather than return a partial scan, so the classifier fails closed.
   */
  maxParses?: number;
}

const DEFAULT_REGIONS: readonly CountryCode[] = ['US', 'GB', 'DE', 'FR'];
const DEFAULT_MAX_PARSES = 50_000;
/*
 * Where national numbers are always written with the trunk prefix 0 ("030 ...", "020 ...").
 * Without it a digit run is at best a local number and at worst an id that the permissive German
 * plan accepts ("42 68 53 00"), so such regions only accept national candidates that start with 0.
 */
const TRUNK_ZERO_REGIONS: ReadonlySet<CountryCode> = new Set<CountryCode>(['GB', 'DE', 'FR', 'AT', 'CH', 'NL', 'BE', 'IE', 'SE', 'FI', 'AU', 'NZ']);

/*
 * Not `findPhoneNumbersInText`: on this library version it took 1-2 s per region per MB of plain
 * prose and ~2 s per region on 100 KB of "1 1 1 ...", and its spans can run past the number
 * ("+44 20 7946 0958, 030"). Our own linear candidate scan plus a strict parse of each candidate
 * gives exact spans and bounded work.
 */

/** Creates the detector for `PHONE_NUMBER`. */
export function createPhoneDetector(options: PhoneDetectorOptions = {}): Detector {
  const name = 'phone';
  const regions = (options.regions ?? DEFAULT_REGIONS).map((region) => ({ region, possible: nationalLengthCheck(region) }));
  const maxParses = options.maxParses ?? DEFAULT_MAX_PARSES;
  // This instance's slot in a classification's memo (another instance may have other regions).
  const memoKey = {};
  return {
    name,
    entityTypes: ['PHONE_NUMBER'],
    detect(text: string, memo?: DetectionMemo): DetectedEntity[] {
      const entities: DetectedEntity[] = [];
      // Repeated candidates (a number quoted twice, a table, the same number in another view) are parsed once per classification.
      const cache = (memo?.get(memoKey) as Map<string, PhoneMatch | null> | undefined) ?? new Map<string, PhoneMatch | null>();
      memo?.set(memoKey, cache);
      let parses = 0;
      const parse = (candidate: string, region: CountryCode | undefined): PhoneNumber | undefined => {
        parses += 1;
        if (parses > maxParses) {
          throw new Error(`more than ${maxParses} phone-number parses; refusing to return a partial scan`);
        }
        const options = region === undefined ? { extract: false } : { defaultCountry: region, extract: false };
        return parsePhoneNumberFromString(candidate, options);
      };
      for (const windows of phoneCandidates(text)) {
        for (const window of windows) {
          const key = `${window.international ? '+' : ''}${window.text}`;
          let found = cache.get(key);
          if (found === undefined) {
            found = validate(window.text, window.international, regions, parse) ?? null;
            cache.set(key, found);
          }
          if (found === null) {
            if (!window.cue || !isCuedPhoneShape(window.text, window.international)) continue;
            const reason = 'phone-shaped number beside a phone word (not valid in the numbering plan)';
            entities.push({ type: 'PHONE_NUMBER', start: window.start, end: window.end, score: 0.6, reason, detector: name });
            break;
          }
          entities.push({
            type: 'PHONE_NUMBER',
            start: window.start,
            end: window.end,
            score: window.international ? 0.85 : 0.7,
            reason: found.reason,
            detector: name,
          });
          break;
        }
      }
      return entities;
    },
  };
}

/**
 * The shapes accepted on a cue alone: a North American (NXX) NXX-XXXX with any area code, an
 * international number of 8-15 digits, or a national number of 9-11 digits with a trunk 0.
 */
function isCuedPhoneShape(candidate: string, international: boolean): boolean {
  const digits = digitsOf(candidate);
  if (international) return digits.length >= 8 && digits.length <= 15;
  if (/^\(?0/.test(candidate)) return digits.length >= 9 && digits.length <= 11;
  const national = digits.length === 11 && digits.startsWith('1') ? digits.slice(1) : digits;
  return national.length === 10 && /^[2-9]\d{2}[2-9]/.test(national);
}

interface PhoneMatch {
  reason: string;
}

function validate(
  candidate: string,
  international: boolean,
  regions: readonly { region: CountryCode; possible: NationalLengthCheck }[],
  parse: (candidate: string, region: CountryCode | undefined) => PhoneNumber | undefined,
): PhoneMatch | undefined {
  if (international) {
    const number = parse(candidate, undefined);
    const type = validType(number);
    return type === undefined ? undefined : { reason: `valid international phone number (+${number!.countryCallingCode}${describeType(type)})` };
  }
  const startsWithTrunkZero = /^\(?0/.test(candidate);
  const digits = digitsOf(candidate);
  for (const { region, possible } of regions) {
    if (TRUNK_ZERO_REGIONS.has(region) && !startsWithTrunkZero) continue;
    // A digit count the plan has no number of: not valid there, and no parse needed to say so.
    if (!possible(digits)) continue;
    const number = parse(candidate, region);
    const type = validType(number);
    if (type !== undefined) return { reason: `valid ${number!.country ?? region} phone number${describeType(type)}` };
  }
  return undefined;
}

/**
 * The number's type when it is valid, else undefined. With full metadata the library's `isValid()`
 * is "has a type" (`getType() !== undefined`), so one look-up of the numbering plan (each compiles
 * regular expressions) gives both; test/classification/detectors/phone-detector.test.ts checks the
 * equivalence on this library version.
 */
function validType(number: PhoneNumber | undefined): string | undefined {
  return number?.getType();
}

function describeType(type: string): string {
  return `, ${type.toLowerCase().replaceAll('_', ' ')}`;
}
