/**
 * A retrieved chunk's class under the policy the control worker runs now, which may differ from the
 * policy used at ingest: recomputed from the stored entity types, never lower than what ingest
 * recorded when that class still exists, and fail-closed when ingest found it sensitive but the
 * current policy cannot say why. Pure.
 */
import { classifyByPolicy, failClosedClass, higherClass, isSensitiveClass } from '../routing/data-classes.js';
import type { Policy } from '../routing/policy-schema.js';
import type { RetrievedChunk } from './collection-types.js';

/** The chunk with `dataClass` and `sensitive` as the current policy sees them. */
export function reclassifyRetrieved(chunk: RetrievedChunk, policy: Policy): RetrievedChunk {
  const verdict = classifyByPolicy(policy, chunk.entityTypes);
  let dataClass = verdict.dataClass;
  if (policy.dataClasses.some((entry) => entry.name === chunk.dataClass)) dataClass = higherClass(policy, dataClass, chunk.dataClass);
  else if (chunk.sensitive && !verdict.sensitive) dataClass = failClosedClass(policy);
  return { ...chunk, dataClass, sensitive: isSensitiveClass(policy, dataClass) };
}
