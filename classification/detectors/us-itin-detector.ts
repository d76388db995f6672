/**
 * US Individual Taxpayer Identification Numbers: 9NN-NN-NNNN whose 4th-5th digits fall in the
 * IRS's ITIN ranges. Dashed or spaced anywhere; bare 9-digit runs only beside an ITIN cue.
 */
import type { DetectedEntity, Detector } from '../classifier.js';
import { hasCueAround, hasIdLabelBefore, REPORT_FLOOR } from './context-cues.js';
import { scanCandidates } from './scan-candidates.js';

/* Same fixed-width shapes and look-arounds as the SSN detector: linear, never a slice of a longer number. */
const FORMATTED_ITIN = /(?<![\w\-/.])(?<!\d[ -])(9\d{2})([ -])(\d{2})\2(\d{4})(?![\w/]|[-. ]\d)/g;
const BARE_ITIN = /(?<![\w\-/.])(?<!\d[ -])9\d{8}(?![\w/]|[-. ]\d)/g;
const ITIN_CUE = /\bitins?\b|\btaxpayer\b|\btax(?:payer)?[ -]?id\b|\btin\b|\bw-?7\b/i;
const CUE_DISTANCE = { before: 48, after: 24 };

/** True when nine digits are an ITIN the IRS could issue: 9NN, group 50-65, 70-88, 90-92 or 94-99. */
export function isValidItin(digits: string): boolean {
  if (!/^9\d{8}$/.test(digits) || digits.endsWith('0000')) return false;
  const group = Number(digits.slice(3, 5));
  return (group >= 50 && group <= 65) || (group >= 70 && group <= 88) || (group >= 90 && group <= 92) || group >= 94;
}

/** Creates the detector for `US_ITIN`. */
export function createUsItinDetector(): Detector {
  const name = 'us-itin';
  return {
    name,
    entityTypes: ['US_ITIN'],
    detect(text: string): DetectedEntity[] {
      const report = { type: 'US_ITIN', detector: name } as const;
      const formatted = scanCandidates(text, FORMATTED_ITIN, report, (match, start, end) => {
        if (!isValidItin(`${match[1]}${match[3]}${match[4]}`)) return undefined;
        const cue = hasCueAround(text, start, end, ITIN_CUE, CUE_DISTANCE);
        // Dashes are the ITIN's printed form; "Order #912-78-1234" is labelled as something else.
        let score = cue ? 0.95 : match[2] === '-' ? 0.85 : 0.6;
        if (!cue && hasIdLabelBefore(text, start)) score -= 0.4;
        if (score < REPORT_FLOOR) return undefined;
        return { score, reason: `ITIN-formatted number in an IRS ITIN range${cue ? ' beside an ITIN cue' : ''}` };
      });
      const bare = scanCandidates(text, BARE_ITIN, report, (match, start, end) =>
        isValidItin(match[0]) && hasCueAround(text, start, end, ITIN_CUE, CUE_DISTANCE)
          ? { score: 0.8, reason: '9-digit number in an IRS ITIN range beside an ITIN cue' }
          : undefined,
      );
      return [...formatted, ...bare].sort((left, right) => left.start - right.start);
    },
  };
}
