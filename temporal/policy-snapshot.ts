/**
 * The policy as the control worker hands it to a workflow: a snapshot whose encoded payload the
 * claim-check codec recognises (by its first bytes) and replaces in history by a reference to one
 * record per policy content. Pure: no I/O, safe for any process.
 */
import type { Policy } from '../routing/policy-schema.js';

/** The value `getPolicy` returns; the wrapper's first key is what marks it for the claim check. */
export interface PolicySnapshot {
  switchyardClaim: 'policy';
  version: string;
  policy: Policy;
}

/**
 * The first bytes of a snapshot's JSON payload. JSON.stringify keeps insertion order, so every
 * snapshot made by `policySnapshot` starts with them, and no other value of ours does.
 */
export const POLICY_SNAPSHOT_PREFIX = '{"switchyardClaim":"policy",';

/** Wrap a policy for the workflow (made once per control worker, not per run). */
export function policySnapshot(policy: Policy): PolicySnapshot {
  return { switchyardClaim: 'policy', version: policy.version, policy };
}
