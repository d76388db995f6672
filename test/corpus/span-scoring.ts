/**
 * Scoring of predicted entity spans against labelled ones, per entity type.
 *
 * Match rule: a prediction matches a label when both have the same type and their spans overlap
 * (share at least one character). A label with at least one match is a true positive (TP), a label
 * with none a false negative (FN), a prediction that matches no label a false positive (FP).
 * Overlap rather than exact boundaries, because a span that covers "4111 1111 1111 1111," or
 * "Baker Street" of "221B Baker Street" still protects (or flags) the right text; exact boundaries
 * are checked by the detector tests instead.
 */
import type { EntityType } from '../../classification/classifier.js';

/** A span of one type in one record. */
export interface TypedSpan {
  type: EntityType;
  start: number;
  end: number;
}

/** Counts for one entity type. */
export interface TypeCounts {
  support: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
}

/** One scoring mistake, for the report. */
export interface ScoringMistake {
  kind: 'FP' | 'FN';
  type: EntityType;
  start: number;
  end: number;
}

const overlaps = (left: TypedSpan, right: TypedSpan): boolean =>
  left.type === right.type && left.start < right.end && right.start < left.end;

/** Scores one record's predictions against its labels, adding into `counts` (by type). */
export function scoreRecord(
  labels: readonly TypedSpan[],
  predictions: readonly TypedSpan[],
  counts: Map<EntityType, TypeCounts>,
): ScoringMistake[] {
  const mistakes: ScoringMistake[] = [];
  const countsOf = (type: EntityType): TypeCounts => {
    let found = counts.get(type);
    if (found === undefined) {
      found = { support: 0, truePositives: 0, falsePositives: 0, falseNegatives: 0 };
      counts.set(type, found);
    }
    return found;
  };
  for (const label of labels) {
    const typeCounts = countsOf(label.type);
    typeCounts.support += 1;
    if (predictions.some((prediction) => overlaps(prediction, label))) typeCounts.truePositives += 1;
    else {
      typeCounts.falseNegatives += 1;
      mistakes.push({ kind: 'FN', ...pick(label) });
    }
  }
  for (const prediction of predictions) {
    if (labels.some((label) => overlaps(prediction, label))) continue;
    countsOf(prediction.type).falsePositives += 1;
    mistakes.push({ kind: 'FP', ...pick(prediction) });
  }
  return mistakes;
}

function pick(span: TypedSpan): TypedSpan {
  return { type: span.type, start: span.start, end: span.end };
}

/** Precision, recall and F2 (recall weighted 4x precision: a miss leaks, a false alarm only routes locally). */
export function rates(counts: Omit<TypeCounts, 'support'>): { precision: number; recall: number; f2: number } {
  const { truePositives: tp, falsePositives: fp, falseNegatives: fn } = counts;
  // No predictions means no wrong ones; no labels means nothing to miss.
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f2 = precision + recall === 0 ? 0 : (5 * precision * recall) / (4 * precision + recall);
  return { precision, recall, f2 };
}

/** Sums counts over several types. */
export function sumCounts(all: Iterable<TypeCounts>): TypeCounts {
  const total: TypeCounts = { support: 0, truePositives: 0, falsePositives: 0, falseNegatives: 0 };
  for (const counts of all) {
    total.support += counts.support;
    total.truePositives += counts.truePositives;
    total.falsePositives += counts.falsePositives;
    total.falseNegatives += counts.falseNegatives;
  }
  return total;
}
