/**
 * The router: (classification, request metadata, policy) → decision. Deterministic and pure, so it
 * runs inside workflow code and replays identically. The second enforcement of the never-broken
 * rule lives here: whatever the rules say, a sensitive request never gets a cloud backend.
 */
import { firstLocalModelOf, isExtractive, modelKind } from './model-kind.js';
import type { Policy, PolicyDocument } from './policy-schema.js';
import { taskQueueOfBackend } from './task-queues.js';

/** What the router needs to know about the request. */
export interface RouteInput {
  dataClass: string;
  sensitive: boolean;
  taskType: string;
  department?: string;
  application?: string;
}

/** Where an inference step goes, and why. */
export interface RouteDecision {
  /** The rule that matched, or `default`. */
  rule: string;
  model: string;
  /** The provider's own model name. */
  providerModel: string;
  backend: string;
  backendKind: 'local' | 'cloud';
  taskQueue: string;
  reasons: string[];
  policyVersion: string;
  /** Sensitive request bound for cloud under a class that allows it: redact first, re-classify, restore locally. */
  redact: boolean;
  /**
   * The matched rule pins the request local (`staysLocal: true` in the policy): fallback,
   * escalation and confidence checks must treat it like sensitive data and never pick cloud.
   */
  staysLocal: boolean;
}

/** A request the policy cannot serve safely. Non-retryable: the policy must change. */
export class NoSafeRouteError extends Error {
  override readonly name = 'NoSafeRouteError';
  readonly isRetryable = false;
}

function matchesList(list: string[] | undefined, value: string | undefined): boolean {
  return list === undefined || (value !== undefined && list.includes(value));
}

/** Pick the model for a request: first matching rule, else the default; never cloud if sensitive. */
export function route(input: RouteInput, policy: Policy): RouteDecision {
  const reasons: string[] = [`data class ${input.dataClass}${input.sensitive ? ' (sensitive)' : ''}, task ${input.taskType}`];
  const matched = policy.rules.find(
    (rule) =>
      matchesList(rule.when.dataClass, input.dataClass) &&
      (rule.when.sensitive === undefined || rule.when.sensitive === input.sensitive) &&
      matchesList(rule.when.taskType, input.taskType) &&
      matchesList(rule.when.department, input.department) &&
      matchesList(rule.when.application, input.application),
  );
  let ruleName = matched?.name ?? 'default';
  let modelId = matched?.model ?? policy.default.model;
  const staysLocal = matched?.staysLocal === true;
  reasons.push(matched ? `rule "${matched.name}" matched → ${modelId}${staysLocal ? ' (pinned local: no fallback or escalation to cloud)' : ''}` : `no rule matched → default ${modelId}`);

  const redactable = policy.dataClasses.find((dataClass) => dataClass.name === input.dataClass)?.redactForCloud === true;
  if (input.sensitive && redactable && !staysLocal && backendOf(policy, modelId).kind === 'cloud') {
    reasons.push(`${input.dataClass} may go to cloud only after redaction; the redacted prompt is re-classified before it leaves`);
    return { rule: ruleName, ...targetOf(policy, modelId), reasons, policyVersion: policy.version, redact: true, staysLocal };
  }
  if ((input.sensitive || staysLocal) && backendOf(policy, modelId).kind === 'cloud') {
    // The loader rejects policies that allow this; reaching here means a bug or a hand-built policy.
    const localModel = firstLocalModel(policy);
    reasons.push(`${staysLocal ? 'the rule pins this request local' : 'sensitive data never goes to cloud'}: overriding ${modelId} with local ${localModel}`);
    ruleName = `${ruleName}+sensitive-guard`;
    modelId = localModel;
  }
  return { rule: ruleName, ...targetOf(policy, modelId), reasons, policyVersion: policy.version, redact: false, staysLocal };
}

/**
 * A request's own choice of model alias, honoured only where the data class permits: a cloud alias
 * for a sensitive (or pinned-local) request keeps the route's decision, and the reasons say so. Every
 * outcome adds one reason starting with `model override`. The alias must exist in the policy.
 */
export function applyModelOverride(policy: Policy, decision: RouteDecision, modelId: string, sensitive: boolean): RouteDecision {
  if (modelId === decision.model) return { ...decision, reasons: [...decision.reasons, `model override ${modelId}: the route chose it already`] };
  if (backendOf(policy, modelId).kind === 'cloud' && (sensitive || decision.staysLocal)) {
    const why = sensitive ? 'sensitive data never goes to a cloud model of its choosing' : 'the rule pins this request local';
    return { ...decision, reasons: [...decision.reasons, `model override ${modelId} refused: ${why}; stays on ${decision.model}`] };
  }
  return { ...decision, ...targetOf(policy, modelId), rule: `${decision.rule}+model-override`, redact: false, reasons: [...decision.reasons, `model override → ${modelId}`] };
}

/** Where a model alias runs: the part of a decision that escalation and fallback change. */
export type InferenceTarget = Pick<RouteDecision, 'model' | 'providerModel' | 'backend' | 'backendKind' | 'taskQueue'>;

/** The backend, provider model name and task queue of a model alias. */
export function targetOf(policy: Policy, modelId: string): InferenceTarget {
  const model = policy.models[modelId];
  const backend = backendOf(policy, modelId);
  return { model: modelId, providerModel: model!.name, backend: model!.backend, backendKind: backend.kind, taskQueue: taskQueueOfBackend(model!.backend, backend) };
}

function backendOf(policy: Policy, modelId: string) {
  const model = policy.models[modelId];
  if (!model) throw new NoSafeRouteError(`Model "${modelId}" is not defined in policy ${policy.version}`);
  const backend = policy.backends[model.backend];
  if (!backend) throw new NoSafeRouteError(`Backend "${model.backend}" of model "${modelId}" is not defined in policy ${policy.version}`);
  return backend;
}

/**
 * The local model a request that must stay local goes to when its route named a cloud model (or
 * redaction left it sensitive): the policy's `fallback.localModel`, else its first local generative
 * model (not the extractive answerer, which only quotes retrieved passages), else any local model.
 */
export function firstLocalModel(policy: PolicyDocument & { version?: string }): string {
  const local = policy.fallback.localModel ?? firstLocalGenerativeModel(policy) ?? firstLocalModelOf(policy);
  if (!local) throw new NoSafeRouteError(`Policy ${policy.version ?? policy.name} has no local model for a sensitive request`);
  return local;
}

/** The first model on a local backend that generates text (any protocol but the extractive answerer). */
function firstLocalGenerativeModel(policy: PolicyDocument): string | undefined {
  return Object.keys(policy.models).find((modelId) => modelKind(policy, modelId) === 'local' && !isExtractive(policy, modelId));
}

/** Cost in USD of a call under the model's token prices. */
export function costOf(policy: Policy, modelId: string, usage: { inputTokens: number; outputTokens: number }): number {
  const price = policy.models[modelId]?.price;
  if (!price) return 0;
  return (usage.inputTokens * price.inputPerMillionTokens + usage.outputTokens * price.outputPerMillionTokens) / 1_000_000;
}
