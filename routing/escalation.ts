/**
 * Escalation and fallback planning: pure decisions the workflow takes when confidence is low or a
 * backend cannot serve. Retry (same backend) is Temporal's; fallback (another backend) and
 * escalation (a stronger model or a person) are separate layers, both data in the policy. Every
 * choice here keeps the never-broken rule: a sensitive request is never planned onto a cloud model.
 */
import { firstLocalModelOf, modelKind } from './model-kind.js';
import type { Policy } from './policy-schema.js';

const TIER_RANK = { small: 0, medium: 1, large: 2, frontier: 3 } as const;

/** The rung name that sends a task to human review. */
export const HUMAN_RUNG = 'human';

/** Whether a model may serve a request of this sensitivity. */
export function modelAllowed(policy: Policy, modelId: string, sensitive: boolean): boolean {
  const kind = modelKind(policy, modelId);
  return kind === 'local' || (kind === 'cloud' && !sensitive);
}

/** The rungs above the first model: the ladder after its position (or the whole ladder), cloud rungs dropped when sensitive. */
export function escalationRungs(policy: Policy, firstModel: string, sensitive: boolean): { models: string[]; skipped: string[]; human: boolean } {
  const ladder = policy.escalation.ladder;
  const position = ladder.indexOf(firstModel);
  // A model off the ladder climbs only to stronger tiers: escalating must never mean a weaker model.
  const firstTier = TIER_RANK[policy.models[firstModel]?.tier ?? 'small'];
  const above = position >= 0 ? ladder.slice(position + 1) : ladder.filter((rung) => rung === HUMAN_RUNG || TIER_RANK[policy.models[rung]?.tier ?? 'small'] > firstTier);
  const models: string[] = [];
  const skipped: string[] = [];
  for (const rung of above) {
    if (rung === HUMAN_RUNG) continue;
    if (modelAllowed(policy, rung, sensitive)) models.push(rung);
    else skipped.push(rung);
  }
  return { models, skipped, human: above.includes(HUMAN_RUNG) };
}

/** The confidence an answer needs for a task type (the "default" entry, else 0: never escalate). */
export function confidenceThreshold(policy: Policy, taskType: string): number {
  return policy.confidence.thresholds[taskType] ?? policy.confidence.thresholds.default ?? 0;
}

/** What to do when no local worker picked up the task in time. */
export type LocalUnavailablePlan = { action: 'wait'; waitMs: number; reason: string } | { action: 'switch'; model: string; reason: string };

/**
 * The policy's capacity fallback, made safe: "cloud" for a sensitive request degrades or waits
 * instead. Callers pass `sensitive || decision.staysLocal`: a request its rule pins local is
 * treated the same, whatever its data class.
 */
export function planLocalUnavailable(policy: Policy, sensitive: boolean): LocalUnavailablePlan {
  const { localUnavailable, degradeModel, cloudModel, waitMs } = policy.fallback;
  if (localUnavailable === 'cloud' && cloudModel && !sensitive) return { action: 'switch', model: cloudModel, reason: `local pool unavailable → cloud ${cloudModel} (data class permits)` };
  if ((localUnavailable === 'degrade' || localUnavailable === 'cloud') && degradeModel) {
    const why = localUnavailable === 'cloud' ? 'sensitive data never goes to cloud, so degrading' : 'degrading';
    return { action: 'switch', model: degradeModel, reason: `local pool unavailable → ${why} to local ${degradeModel}` };
  }
  const why = localUnavailable === 'cloud' ? ' (sensitive data never goes to cloud)' : '';
  return { action: 'wait', waitMs, reason: `local pool unavailable → waiting up to ${waitMs} ms more${why}` };
}

/** The local model that takes over when a cloud call failed after its retries. */
export function planCloudFailure(policy: Policy): string | undefined {
  if (policy.fallback.cloudFailure) return policy.fallback.cloudFailure;
  const ladderLocal = policy.escalation.ladder.find((rung) => rung !== HUMAN_RUNG && modelKind(policy, rung) === 'local');
  return ladderLocal ?? policy.fallback.localModel ?? firstLocalModelOf(policy);
}
