/**
 * The loop most detectors share: a linear regex proposes candidates, the detector's own checks
 * (checksums, ranges, cue words) accept or skip each one, and accepted ones become findings.
 */
import type { DetectedEntity, EntityType } from '../classifier.js';
import { forEachMatch } from '../regex-matches.js';

/** How a detector judged one candidate: the score and reason to report it with. */
export interface CandidateVerdict {
  score: number;
  reason: string;
}

/** What every finding of one scan is reported as. */
export interface ScanReport {
  type: EntityType;
  detector: string;
}

/**
 * Every match of the global `pattern` in `text` that `judge` accepts, in text order, as findings
 * of `report.type` from `report.detector`. `judge` returns undefined to skip a candidate.
 */
export function scanCandidates(
  text: string,
  pattern: RegExp,
  report: ScanReport,
  judge: (match: RegExpExecArray, start: number, end: number) => CandidateVerdict | undefined,
): DetectedEntity[] {
  const entities: DetectedEntity[] = [];
  forEachMatch(text, pattern, (match) => {
    const start = match.index;
    const end = start + match[0].length;
    const verdict = judge(match, start, end);
    if (verdict !== undefined) entities.push({ type: report.type, start, end, score: verdict.score, reason: verdict.reason, detector: report.detector });
  });
  return entities;
}
