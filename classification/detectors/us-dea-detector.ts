/**
 * US DEA registration numbers: a registrant-type letter, a second letter (or 9), and 7 digits
 * whose last is the DEA check digit. A DEA cue raises the score; an id label lowers it.
 */
import type { Detector } from '../classifier.js';
import { hasCueAround, hasIdLabelBefore, REPORT_FLOOR } from './context-cues.js';
import { scanCandidates } from './scan-candidates.js';

/* First letter: the DEA's registrant types (A-M, P-U, X); the rest is fixed-width. */
const DEA_CANDIDATE = /(?<![\w-])[A-HJ-MP-UX][A-Z9]\d{7}(?![\w-])/g;
const DEA_CUE = /\bdea\b|\bregistration (?:number|no)|\bprescriber\b|\bcontrolled substance|\bschedule ii/i;
const CUE_DISTANCE = { before: 48, after: 24 };

/** True when the 7 digits end in the DEA check digit: (d1+d3+d5 + 2*(d2+d4+d6)) mod 10. */
export function isValidDeaNumber(value: string): boolean {
  if (!/^[A-Z][A-Z9]\d{7}$/.test(value)) return false;
  const d = [...value.slice(2)].map(Number);
  const sum = d[0]! + d[2]! + d[4]! + 2 * (d[1]! + d[3]! + d[5]!);
  return sum % 10 === d[6];
}

/** Creates the detector for `US_DEA_NUMBER`. */
export function createUsDeaDetector(): Detector {
  const name = 'us-dea';
  return {
    name,
    entityTypes: ['US_DEA_NUMBER'],
    detect: (text) =>
      scanCandidates(text, DEA_CANDIDATE, { type: 'US_DEA_NUMBER', detector: name }, (match, start, end) => {
        if (!isValidDeaNumber(match[0])) return undefined;
        const cue = hasCueAround(text, start, end, DEA_CUE, CUE_DISTANCE);
        // The shape plus checksum is specific enough alone; "SKU BX4829173" names something else.
        let score = cue ? 0.9 : 0.6;
        if (!cue && hasIdLabelBefore(text, start)) score -= 0.3;
        if (score < REPORT_FLOOR) return undefined;
        return { score, reason: `DEA number with a valid check digit${cue ? ' beside a DEA cue' : ''}` };
      }),
  };
}
