/** Where a model alias runs, looked up one way for the loader, the router and escalation. Pure. */
import type { PolicyDocument } from './policy-schema.js';

/** `local` or `cloud` for a model alias; undefined when the alias or its backend is not defined. */
export function modelKind(policy: PolicyDocument, modelId: string): 'local' | 'cloud' | undefined {
  const model = policy.models[modelId];
  return model === undefined ? undefined : policy.backends[model.backend]?.kind;
}

/** Whether a model alias is served by the built-in extractive answerer. */
export function isExtractive(policy: PolicyDocument, modelId: string): boolean {
  const backend = policy.models[modelId]?.backend;
  return backend !== undefined && policy.backends[backend]?.protocol === 'extractive';
}

/** The first model of the policy on a local backend (the loader guarantees one exists). */
export function firstLocalModelOf(policy: PolicyDocument): string | undefined {
  return Object.keys(policy.models).find((modelId) => modelKind(policy, modelId) === 'local');
}
