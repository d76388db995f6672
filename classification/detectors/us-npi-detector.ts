/**
 * US National Provider Identifiers: 10 digits starting 1 or 2 whose Luhn check, computed over the
 * card-issuer prefix "80840" plus the digits, passes; reported only beside NPI / provider words.
 */
import type { Detector } from '../classifier.js';
import { isLuhnValid } from './card-brands.js';
import { hasCueAround } from './context-cues.js';
import { scanCandidates } from './scan-candidates.js';

const NPI_CANDIDATE = /(?<![\w\-/.])(?<!\d[ -])[12]\d{9}(?![\w/]|[-. ]\d)/g;
const NPI_CUE = /\bnpis?\b|national provider|\bprovider\b|\bprescriber\b|\bprescribing\b|\bphysician\b|\bclinician\b|\brendering\b|\breferring\b|\battending\b/i;
const CUE_DISTANCE = { before: 48, after: 24 };

/** True when 10 digits are a valid NPI (Luhn over "80840" + the digits, ISO 7812 health prefix). */
export function isValidNpi(digits: string): boolean {
  return /^[12]\d{9}$/.test(digits) && isLuhnValid(`80840${digits}`);
}

/** Creates the detector for `US_NPI`. */
export function createUsNpiDetector(): Detector {
  const name = 'us-npi';
  return {
    name,
    entityTypes: ['US_NPI'],
    detect: (text) =>
      scanCandidates(text, NPI_CANDIDATE, { type: 'US_NPI', detector: name }, (match, start, end) => {
        // One random 10-digit number in ten passes Luhn, so a provider word must vouch for it.
        if (!isValidNpi(match[0]) || !hasCueAround(text, start, end, NPI_CUE, CUE_DISTANCE)) return undefined;
        return { score: 0.9, reason: 'Luhn-valid NPI beside a provider cue' };
      }),
  };
}
