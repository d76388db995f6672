/** Helpers that build findings from the text they point at, so tests state values, not offsets. */
import type { DetectedEntity, EntityType } from '../../../classification/classifier.js';

/** A finding over every occurrence of `value` in `text` (throws if there is none). */
export function findingsOf(text: string, type: EntityType, value: string, score = 0.9): DetectedEntity[] {
  const found: DetectedEntity[] = [];
  for (let start = text.indexOf(value); start !== -1; start = text.indexOf(value, start + value.length)) {
    found.push({ type, start, end: start + value.length, score, reason: 'test', detector: 'test' });
  }
  if (found.length === 0) throw new Error(`fixture: "${value}" is not in the text`);
  return found;
}

/** Findings for several `[type, value]` pairs at once. */
export function findings(text: string, pairs: ReadonlyArray<readonly [EntityType, string]>): DetectedEntity[] {
  return pairs.flatMap(([type, value]) => findingsOf(text, type, value));
}

/** A finding at explicit offsets. */
export function span(type: EntityType, start: number, end: number, score = 0.9): DetectedEntity {
  return { type, start, end, score, reason: 'test', detector: 'test' };
}
