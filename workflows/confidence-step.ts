/**
 * How sure is an answer? The backend's own figure or token log-probabilities when the infer
 * activity returned one, else a self-assessment by the same model, or a verifier model named by the
 * policy (never a cloud verifier for a sensitive request). Unknown confidence is reported as null.
 */
import { proxyActivities } from '@temporalio/workflow';
import type { ConfidenceActivities } from '../activities/confidence-activities.js';
import { modelAllowed } from '../routing/escalation.js';
import type { Policy } from '../routing/policy-schema.js';
import { targetOf, type InferenceTarget } from '../routing/route.js';
import { failureMessage, type InferenceOutcome } from './inference-step.js';

/** A measured (or unknown) confidence and how it was obtained. */
export interface MeasuredConfidence {
  confidence: number | null;
  method: string | null;
  note?: string;
}

/** Whether the infer call should ask for log-probabilities under this policy. */
export function wantsLogprobs(policy: Policy): boolean {
  return policy.confidence.method === 'auto' || policy.confidence.method === 'logprobs';
}

async function assess(policy: Policy, judge: InferenceTarget, method: 'self-assessment' | 'verifier', question: string, answer: string): Promise<MeasuredConfidence> {
  const { assessConfidence } = proxyActivities<ConfidenceActivities>({
    taskQueue: judge.taskQueue,
    scheduleToStartTimeout: policy.timeouts.scheduleToStartMs,
    startToCloseTimeout: policy.timeouts.inferenceMs,
    retry: { maximumAttempts: 2, initialInterval: policy.retry.initialIntervalMs },
    summary: `${method} of the answer by ${judge.backend}/${judge.providerModel}`,
  });
  try {
    const assessed = await assessConfidence({ backend: judge.backend, model: judge.providerModel, method, question, answer });
    return { confidence: assessed.confidence, method, note: assessed.rationale };
  } catch (error) {
    return { confidence: null, method, note: `could not assess confidence: ${failureMessage(error)}` };
  }
}

/** Measure the confidence of an answer under the policy's method. */
export async function measureConfidence(policy: Policy, outcome: InferenceOutcome, question: string, sensitive: boolean): Promise<MeasuredConfidence> {
  const { method, verifierModel } = policy.confidence;
  const { result, target } = outcome;
  if (method === 'none') return { confidence: null, method: null };
  if ((method === 'auto' || method === 'logprobs') && result.confidence !== undefined) {
    return { confidence: result.confidence, method: result.confidenceMethod ?? 'backend' };
  }
  if (method === 'verifier' && verifierModel) {
    if (modelAllowed(policy, verifierModel, sensitive)) return assess(policy, targetOf(policy, verifierModel), 'verifier', question, result.text);
    const selfAssessed = await assess(policy, target, 'self-assessment', question, result.text);
    return { ...selfAssessed, note: `verifier ${verifierModel} is cloud and the request is sensitive; self-assessed instead. ${selfAssessed.note ?? ''}`.trim() };
  }
  return assess(policy, target, 'self-assessment', question, result.text);
}
