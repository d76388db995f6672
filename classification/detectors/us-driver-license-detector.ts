/**
 * US driver's licence numbers. Each state has its own shape (CA A1234567, FL A123-456-78-901-0,
 * IL A123-4567-8901, NY 123 456 789, TX 12345678, WA WDL...), so any of the common shapes counts,
 * but only right after a driver's-licence word.
 */
import type { Detector } from '../classifier.js';
import { hasCueAround } from './context-cues.js';
import { scanCandidates } from './scan-candidates.js';
import { digitsOf, isAllSameCharacter } from './text-boundaries.js';

/*
 * Alternatives are fixed-width or bounded pieces: 1-2 letters + 4-14 digits; a letter + dashed
 * digit groups; NY's spaced 3-3-3; 7-12 bare digits; Washington's WDL + 9 characters. Linear.
 */
const LICENSE_CANDIDATE =
  /(?<![\w\-/.])(?<!\d[ -])(?:WDL[A-Z0-9]{9}|[A-Z]{1,2}\d{4,14}|[A-Z]\d{3}(?:-\d{1,4}){2,4}|\d{3} \d{3} \d{3}|\d{7,12})(?![\w/]|[-. ]\d)/g;
const LICENSE_WORDS = /\bdriver[’']?s?[’']? ?licen[cs]e|\bdriving licen[cs]e|\bf(?:ü|ue)hrerschein/i;
/** Only in capitals: lower-case "dl" is a download, a decilitre or deep learning. */
const LICENSE_ABBREVIATION = /\b(?:DL|CDL|DLN)\b/;
// Forms put the label well before the number ("Driver's licence check for <name>: number ...");
// the window still stops at the previous number, so a wide reach does not borrow another field's cue.
const CUE_DISTANCE = { before: 80, after: 20 };

/** Creates the detector for `US_DRIVER_LICENSE`. */
export function createUsDriverLicenseDetector(): Detector {
  const name = 'us-driver-license';
  return {
    name,
    entityTypes: ['US_DRIVER_LICENSE'],
    detect(text) {
      // Every finding needs a licence cue: a text without one (most) skips the costly candidate scan.
      if (!LICENSE_WORDS.test(text) && !LICENSE_ABBREVIATION.test(text)) return [];
      return scanCandidates(text, LICENSE_CANDIDATE, { type: 'US_DRIVER_LICENSE', detector: name }, (match, start, end) => {
        if (isAllSameCharacter(digitsOf(match[0]))) return undefined;
        const cue =
          hasCueAround(text, start, end, LICENSE_WORDS, CUE_DISTANCE) || hasCueAround(text, start, end, LICENSE_ABBREVIATION, CUE_DISTANCE);
        if (!cue) return undefined;
        return { score: 0.8, reason: "state driver's-licence number shape beside a licence cue" };
      });
    },
  };
}
