/** `switchyard/policy`: load, check and apply routing policies outside workflows (tools, tests, explain). */
export { loadPolicyFile, parsePolicy } from '../routing/policy-loader.js';
export { route, targetOf, type RouteDecision, type RouteInput, type InferenceTarget } from '../routing/route.js';
export type { Policy } from '../routing/policy-schema.js';
export { PolicyError } from '../routing/policy-error.js';
