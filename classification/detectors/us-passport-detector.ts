/**
 * US passport numbers: 9 digits (older books) or a letter and 8 digits (Next Generation books),
 * reported only beside a passport word, since both shapes are common ids.
 */
import type { Detector } from '../classifier.js';
import { hasCueAround } from './context-cues.js';
import { scanCandidates } from './scan-candidates.js';
import { isAllSameCharacter } from './text-boundaries.js';

const PASSPORT_CANDIDATE = /(?<![\w\-/.])(?<!\d[ -])(?:[A-Z]\d{8}|\d{9})(?![\w/]|[-. ]\d)/g;
const PASSPORT_CUE = /\bpassports?\b|\bpassport(?:[ -]?(?:no|number|#))|\breisepass|\bpasseport\b|\bpasaporte\b|\bpassaporto\b/i;
const CUE_DISTANCE = { before: 40, after: 20 };

/** Creates the detector for `US_PASSPORT`. */
export function createUsPassportDetector(): Detector {
  const name = 'us-passport';
  return {
    name,
    entityTypes: ['US_PASSPORT'],
    detect: (text) =>
      scanCandidates(text, PASSPORT_CANDIDATE, { type: 'US_PASSPORT', detector: name }, (match, start, end) => {
        const digits = match[0].replace(/^[A-Z]/, '');
        if (isAllSameCharacter(digits) || /^0+$/.test(digits)) return undefined;
        if (!hasCueAround(text, start, end, PASSPORT_CUE, CUE_DISTANCE)) return undefined;
        return {
          // The letter-first shape is specific to passport books; bare 9 digits are also SSNs and ids.
          score: match[0].length === 9 && /^[A-Z]/.test(match[0]) ? 0.85 : 0.75,
          reason: 'passport-number shape beside a passport cue',
        };
      }),
  };
}
