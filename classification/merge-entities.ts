/** Merging of overlapping findings from several detectors into one non-overlapping list. */
import type { DetectedEntity } from './classifier.js';

/**
 * Resolves overlaps (higher score wins, then the longer span, then the earlier detector) and
 * returns the survivors sorted by start. Findings that do not overlap are all kept.
 */
export function mergeOverlappingEntities(entities: readonly DetectedEntity[]): DetectedEntity[] {
  // Sweep by start into clusters of transitively overlapping findings; resolve each cluster alone.
  const byStart = [...entities].sort((left, right) => left.start - right.start || right.end - left.end);
  const merged: DetectedEntity[] = [];
  let cluster: DetectedEntity[] = [];
  let clusterEnd = -1;
  for (const entity of byStart) {
    if (cluster.length > 0 && entity.start >= clusterEnd) {
      merged.push(...resolveCluster(cluster));
      cluster = [];
    }
    cluster.push(entity);
    clusterEnd = Math.max(clusterEnd, entity.end);
  }
  merged.push(...resolveCluster(cluster));
  return merged.sort((left, right) => left.start - right.start || left.end - right.end);
}

function resolveCluster(cluster: DetectedEntity[]): DetectedEntity[] {
  if (cluster.length <= 1) return cluster;
  // Array.prototype.sort is stable, so equal findings keep detector order as the last tie-break.
  // Most clusters are one value found twice (in two views, or by two detectors): order two without a sort's allocations.
  const ranked = cluster.length === 2 ? rankPair(cluster[0]!, cluster[1]!) : [...cluster].sort(byRank);
  const kept: DetectedEntity[] = [];
  for (const candidate of ranked) {
    if (!kept.some((winner) => candidate.start < winner.end && winner.start < candidate.end)) kept.push(candidate);
  }
  return kept;
}

/** Higher score first, then the longer span, then the earlier start. */
function byRank(left: DetectedEntity, right: DetectedEntity): number {
  return right.score - left.score || right.end - right.start - (left.end - left.start) || left.start - right.start;
}

/** Two findings in the order a stable sort by {@link byRank} gives. */
function rankPair(first: DetectedEntity, second: DetectedEntity): DetectedEntity[] {
  return byRank(first, second) > 0 ? [second, first] : [first, second];
}
