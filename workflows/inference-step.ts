/**
 * One inference attempt with its fallbacks: a local pool that does not pick the task up in time
 * (schedule-to-start) follows the policy (wait, degrade, or cloud when the class permits); a cloud
 * call that still fails after Temporal's retries falls back to a local model. Each try is recorded.
 */
import { ActivityFailure, ApplicationFailure, proxyActivities, TimeoutFailure } from '@temporalio/workflow';
import type { InferenceActivities, InferenceRequest, InferenceResult } from '../activities/inference-activities.js';
import { modelAllowed, planCloudFailure, planLocalUnavailable } from '../routing/escalation.js';
import type { Policy } from '../routing/policy-schema.js';
import { targetOf, type InferenceTarget } from '../routing/route.js';
import type { AttemptRecord } from './review-definitions.js';

/** A successful attempt with where it ran. */
export interface InferenceOutcome {
  target: InferenceTarget;
  result: InferenceResult;
}

/** Called for every try, successful or not, so the task record and history show the whole path. */
export type AttemptListener = (attempt: Omit<AttemptRecord, 'rung'>, usedFallback: boolean) => void;

function inferOn(policy: Policy, target: InferenceTarget, scheduleToStartMs: number, sensitive: boolean) {
  return proxyActivities<InferenceActivities>({
    taskQueue: target.taskQueue,
    scheduleToStartTimeout: scheduleToStartMs,
    startToCloseTimeout: policy.timeouts.inferenceMs,
    // The worker heartbeats while it waits for the backend: a killed worker's attempt is retried after this, not the start-to-close timeout.
    heartbeatTimeout: '10 seconds',
    retry: {
      maximumAttempts: policy.retry.maximumAttempts,
      initialInterval: policy.retry.initialIntervalMs,
      backoffCoefficient: policy.retry.backoffCoefficient,
      maximumInterval: policy.retry.maximumIntervalMs,
      nonRetryableErrorTypes: ['SensitiveDataRefused', 'InvalidRequest'],
    },
    // Read by people and by the audit: kind, backend, provider model, then the policy's alias.
    summary: `infer on ${target.backendKind} ${target.backend}/${target.providerModel}${sensitive ? ' (sensitive)' : ''} model ${target.model}`,
  }).infer;
}

function isScheduleToStartTimeout(error: unknown): boolean {
  return error instanceof ActivityFailure && error.cause instanceof TimeoutFailure && error.cause.timeoutType === 'SCHEDULE_TO_START';
}

// The cloud worker's re-check refuses before anything is sent (activities/sensitive-guard.ts).
function isRefusal(error: unknown): boolean {
  return error instanceof ActivityFailure && error.cause instanceof ApplicationFailure && error.cause.type === 'SensitiveDataRefused';
}

/** The innermost message of a failure chain (ActivityFailure → ApplicationFailure → ...). */
export function failureMessage(error: unknown): string {
  let current = error as { message?: string; cause?: unknown } | undefined;
  let message = current?.message ?? String(error);
  while (current?.cause) {
    current = current.cause as { message?: string; cause?: unknown };
    if (current.message) message = current.message;
  }
  return message;
}

/** Run inference for a model alias, falling back as the policy says; throws when every path failed. */
export async function inferWithFallback(
  policy: Policy,
  firstModel: string,
  request: Omit<InferenceRequest, 'backend' | 'model'>,
  sensitive: boolean,
  reason: string,
  onAttempt: AttemptListener,
): Promise<InferenceOutcome> {
  let target = targetOf(policy, firstModel);
  let why = reason;
  let scheduleToStartMs = policy.timeouts.scheduleToStartMs;
  let usedFallback = false;
  const tried = new Set<string>();
  for (;;) {
    if (!modelAllowed(policy, target.model, sensitive)) {
      throw ApplicationFailure.create({ type: 'NoSafeRoute', nonRetryable: true, message: `refusing to send a sensitive request to cloud model ${target.model}` });
    }
    tried.add(`${target.model}:${scheduleToStartMs}`);
    try {
      // A stream target learns which alias and kind this attempt runs on, for the gateway's headers.
      const stream = request.stream ? { stream: { ...request.stream, model: target.model, backendKind: target.backendKind } } : {};
      const result = await inferOn(policy, target, scheduleToStartMs, sensitive)({ ...request, ...stream, backend: target.backend, model: target.providerModel });
      onAttempt({ ...target, answer: result.text, confidence: result.confidence ?? null, confidenceMethod: result.confidenceMethod ?? null, reason: why, outcome: 'answered', dispatched: true }, usedFallback);
      return { target, result };
    } catch (error) {
      const message = failureMessage(error);
      const notPickedUp = isScheduleToStartTimeout(error);
      const outcome = notPickedUp ? 'not-picked-up' : isRefusal(error) ? 'refused' : 'failed';
      // A failed call may have sent its bytes before failing: only a refusal or no pick-up proves none left.
      onAttempt({ ...target, answer: null, confidence: null, confidenceMethod: null, reason: why, error: message, outcome, dispatched: outcome === 'failed' }, usedFallback);
      const next = nextAfterFailure(policy, target, sensitive, notPickedUp, message);
      if (!next || tried.has(`${next.model}:${next.scheduleToStartMs}`)) throw error;
      target = targetOf(policy, next.model);
      scheduleToStartMs = next.scheduleToStartMs;
      why = next.reason;
      usedFallback = true;
    }
  }
}

function nextAfterFailure(policy: Policy, failed: InferenceTarget, sensitive: boolean, notPickedUp: boolean, message: string) {
  // A cloud refusal (SensitiveDataRefused) also lands here: going local is the safe way to still answer.
  if (failed.backendKind === 'cloud') {
    const local = planCloudFailure(policy);
    return local ? { model: local, scheduleToStartMs: policy.timeouts.scheduleToStartMs, reason: `cloud ${failed.model} failed after retries (${message}) → local ${local}` } : undefined;
  }
  const plan = planLocalUnavailable(policy, sensitive);
  const cause = notPickedUp ? 'no local worker picked the task up in time' : `local ${failed.model} failed (${message})`;
  if (plan.action === 'wait') return notPickedUp ? { model: failed.model, scheduleToStartMs: plan.waitMs, reason: `${cause}; ${plan.reason}` } : undefined;
  return { model: plan.model, scheduleToStartMs: policy.timeouts.scheduleToStartMs, reason: `${cause}; ${plan.reason}` };
}
