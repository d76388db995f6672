/** Merging of overlapping findings from several detectors into one non-overlapping list. */
import type { DetectedEntity } from './classifier.js';

/**
 * Resolves overlaps (higher score wins, then the longer span, then the earlier detector) and
 * returns the survivors sorted by start. Findings that do not overlap are all kept.
 */
export function mergeOverlappingEntities(entities: readonly DetectedEntity[]): DetectedEntity[] {
  // Sweep by start into clusters of transitively overlapping findings; resolve each cluster alone.
  // Clusters are index ranges of the sorted copy, not arrays: most hold one finding, and a
  // pushed-to array per cluster was most of what merging allocated.
  const byStart = [...entities].sort((left, right) => left.start - right.start || right.end - left.end);
  const merged: DetectedEntity[] = [];
  let clusterStart = 0;
  let clusterEnd = -1;
  for (let index = 0; index < byStart.length; index++) {
    const entity = byStart[index]!;
    if (index > clusterStart && entity.start >= clusterEnd) {
      resolveCluster(byStart, clusterStart, index, merged);
      clusterStart = index;
    }
    clusterEnd = Math.max(clusterEnd, entity.end);
  }
  resolveCluster(byStart, clusterStart, byStart.length, merged);
  // Clusters come in start order, so only a cluster that kept several findings (in rank order) can
  // leave the list unsorted: sort only then (a sort's working storage is garbage on every request).
  return isInStartOrder(merged) ? merged : merged.sort(byPosition);
}

function byPosition(left: DetectedEntity, right: DetectedEntity): number {
  return left.start - right.start || left.end - right.end;
}

function isInStartOrder(entities: readonly DetectedEntity[]): boolean {
  for (let index = 1; index < entities.length; index++) if (byPosition(entities[index - 1]!, entities[index]!) > 0) return false;
  return true;
}

/** Adds the survivors of findings [from, to) of `sorted` to `kept`. */
function resolveCluster(sorted: readonly DetectedEntity[], from: number, to: number, kept: DetectedEntity[]): void {
  if (to - from <= 1) {
    if (to > from) kept.push(sorted[from]!);
    return;
  }
  // Most clusters are one value found twice (in two views, or by two detectors): ranked without a
  // sort, whose working storage was the largest allocation of merging. Two findings overlap
  // (they share a cluster of two), so only the better one is kept.
  if (to - from === 2) {
    // As the stable sort below: the first stays first unless the second ranks strictly higher.
    kept.push(byRank(sorted[from]!, sorted[from + 1]!) > 0 ? sorted[from + 1]! : sorted[from]!);
    return;
  }
  // Array.prototype.sort is stable, so equal findings keep detector order as the last tie-break.
  const ranked = sorted.slice(from, to).sort(byRank);
  const firstKept = kept.length;
  for (const candidate of ranked) {
    let overlaps = false;
    for (let index = firstKept; index < kept.length && !overlaps; index++) overlaps = candidate.start < kept[index]!.end && kept[index]!.start < candidate.end;
    if (!overlaps) kept.push(candidate);
  }
}

/** Higher score first, then the longer span, then the earlier start. */
function byRank(left: DetectedEntity, right: DetectedEntity): number {
  return right.score - left.score || right.end - right.start - (left.end - left.start) || left.start - right.start;
}
