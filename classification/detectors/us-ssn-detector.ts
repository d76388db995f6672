/**
 * US Social Security numbers: NNN-NN-NNNN, NNN NN NNNN, NNN.NN.NNNN or NNN/NN/NNNN anywhere (other separators
 * reach it as spaces through the separator view), bare NNNNNNNNN only beside an
 * SSN cue, and only numbers the SSA could have issued.
 */
import type { DetectedEntity, Detector } from '../classifier.js';
import { hasCueAround } from './context-cues.js';
import { scanCandidates } from './scan-candidates.js';
import { isAllSameCharacter } from './text-boundaries.js';

/*
 * Fixed-width digits with single separators (mixed or slashes only beside a cue): no quantifier can backtrack far. The look-arounds
 * reject slices of longer numbers (phone numbers, ids, dates with slashes, decimals).
 */
const FORMATTED_SSN = /(?<![\w\-/.])(?<!\d[ ./-])(\d{3})([ ./-])(\d{2})([ ./-])(\d{4})(?![\w/]|[-. ]\d)/g;
const BARE_SSN = /(?<![\w\-/.])(?<!\d[ -])\d{9}(?![\w/]|[-. ]\d)/g;
const SSN_CUE = /\bssns?\b|\bss#|social[\s-]+security|\bsoc\.?\s?sec\b/i;
const CUE_DISTANCE = { before: 48, after: 24 };

/** Published example numbers that were never valid (advertising and documentation samples). */
const KNOWN_INVALID = new Set(['078051120', '219099999']);

/** True when area, group and serial are all in ranges the SSA issues. */
export function isIssuableSsn(digits: string): boolean {
  if (!/^\d{9}$/.test(digits) || KNOWN_INVALID.has(digits) || isAllSameCharacter(digits)) return false;
  const area = Number(digits.slice(0, 3));
  const group = digits.slice(3, 5);
  const serial = digits.slice(5);
  if (area === 0 || area === 666 || area >= 900) return false;
  return group !== '00' && serial !== '0000';
}

/** Creates the detector for `US_SSN`. */
export function createUsSsnDetector(): Detector {
  const name = 'us-ssn';
  // The cue must be the nearest label: in "SSN 536-22-8745, employee 482913745" it is not the employee number's.
  const hasCue = (text: string, start: number, end: number): boolean => hasCueAround(text, start, end, SSN_CUE, CUE_DISTANCE);
  return {
    name,
    entityTypes: ['US_SSN'],
    detect(text: string): DetectedEntity[] {
      const report = { type: 'US_SSN', detector: name } as const;
      const formatted = scanCandidates(text, FORMATTED_SSN, report, (match, start, end) => {
        if (!isIssuableSsn(`${match[1]}${match[3]}${match[5]}`)) return undefined;
        const cue = hasCue(text, start, end);
        // Slashes ("536/22/8745") and mixed separators are not how SSNs are printed: only beside an SSN cue.
        if ((match[2] !== match[4] || match[2] === '/') && !cue) return undefined;
        // Dashes are the SSN's own format; three space-separated groups are weaker evidence.
        const dashed = match[2] === '-';
        return {
          score: cue ? 0.95 : dashed ? 0.85 : 0.6,
          reason: `SSN-formatted number with valid area, group and serial${cue ? ' beside an SSN cue' : ''}`,
        };
      });
      const bare = scanCandidates(text, BARE_SSN, report, (match, start, end) =>
        isIssuableSsn(match[0]) && hasCue(text, start, end)
          ? { score: 0.8, reason: '9-digit number with valid SSN area, group and serial beside an SSN cue' }
          : undefined,
      );
      return [...formatted, ...bare].sort((left, right) => left.start - right.start);
    },
  };
}
