/**
 * The routed task: classify → route (pure, here in workflow code) → infer on the chosen queue →
 * evaluate confidence → escalate up the policy's ladder (stronger model, then a person) → finish.
 * Every step leaves its decision in search attributes, memo, activity summaries and the review
 * query, so the run's history answers "where was this processed, under which policy, by whom".
 */
import { ApplicationFailure, log, proxyActivities, setCurrentDetails, setHandler, upsertMemo, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { ControlActivities, PromptPart } from '../activities/control-activities.js';
import { classifyByPolicy, type ClassVerdict } from '../routing/data-classes.js';
import { confidenceThreshold, escalationRungs } from '../routing/escalation.js';
import type { Policy } from '../routing/policy-schema.js';
import { costOf, firstLocalModel, route, targetOf } from '../routing/route.js';
import { restore } from '../classification/redaction/restore.js';
import type { RedactionMapping } from '../classification/redaction/redaction-mapping.js';
import { guessTaskType } from '../routing/task-type.js';
import { searchAttributes } from '../temporal/search-attributes.js';
import { measureConfidence, wantsLogprobs } from './confidence-step.js';
import { inferWithFallback, type InferenceOutcome } from './inference-step.js';
import { retrieveContext } from './retrieval-step.js';
import { reviewDetailsQuery, stateAfterReview, type ReviewDetails } from './review-definitions.js';
import { answerAfterReview, awaitReview, installReviewHandler } from './review-step.js';
import { validateRoutedTaskInput, type RoutedTaskInput, type RoutedTaskResult } from './routed-task-types.js';

const policyActivities = proxyActivities<ControlActivities>({ startToCloseTimeout: '10 seconds', retry: { maximumAttempts: 5 }, summary: 'load the routing policy' });
const redactionActivities = proxyActivities<ControlActivities>({ startToCloseTimeout: '30 seconds', retry: { maximumAttempts: 2 }, summary: 'redact the prompt for cloud and re-classify it' });

/** Route one AI request under the control worker's policy and return the answer with its audit facts. */
export async function routedTask(input: RoutedTaskInput): Promise<RoutedTaskResult> {
  const record: ReviewDetails = {
    workflowId: workflowInfo().workflowId,
    prompt: typeof input?.prompt === 'string' ? input.prompt : '',
    ...(input?.system ? { system: input.system } : {}),
    metadata: { ...(input?.metadata ?? {}) },
    dataClass: 'unclassified',
    sensitive: true,
    escalationReason: null,
    attempts: [],
    context: [],
    reviewState: 'none',
    waitingSince: null,
    slaDeadline: null,
    decision: null,
  };
  // Assigned once below, but the update validator registered first must read it: not a const.
  // eslint-disable-next-line prefer-const
  let policy: Policy | undefined;
  let best: { outcome: InferenceOutcome; confidence: number | null; method: string | null } | undefined;
  setHandler(reviewDetailsQuery, () => record);
  // Set when the prompt went to cloud redacted: answers get the values put back, on premises.
  let mapping: RedactionMapping | undefined;
  const restoreValues = (text: string | null) => (text !== null && mapping ? restore(text, mapping).text : text);
  installReviewHandler(record, () => policy?.review.reviewers ?? [], () => restoreValues(best?.outcome.result.text ?? null));

  const problem = validateRoutedTaskInput(input);
  if (problem) throw ApplicationFailure.create({ type: 'InvalidRequest', message: `Invalid request: ${problem}`, nonRetryable: true });
  upsertSearchAttributes([{ key: searchAttributes.status, value: 'classifying' }]);
  policy = await policyActivities.getPolicy();

  const parts: PromptPart[] = [...(input.system ? [{ source: 'system' as const, text: input.system }] : []), { source: 'user', text: input.prompt }];
  let verdict = await classifyRequest(policy, parts);
  if (input.knowledge) {
    const context = await retrieveContext(policy, input.knowledge, input.prompt, verdict);
    verdict = { ...verdict, ...context.verdict };
    record.context = context.chunks.map((chunk) => ({ source: chunk.source, text: chunk.text, score: chunk.score, dataClass: chunk.dataClass }));
    // Context goes before the user's message, as a system part, so every backend reads it the same way.
    if (context.message) parts.splice(parts.length - 1, 0, { source: 'context', text: context.message });
  }
  record.dataClass = verdict.dataClass;
  record.sensitive = verdict.sensitive;
  const taskType = input.metadata?.taskType ?? guessTaskType(input.prompt);
  let decision = route({ dataClass: verdict.dataClass, sensitive: verdict.sensitive, taskType, department: input.metadata?.department, application: input.metadata?.application }, policy);
  // "Redact then cloud": only where the class allows it, and only if the redacted text is clean.
  let inferenceParts = parts;
  let inferenceSensitive = verdict.sensitive;
  if (decision.redact && !input.routeOnly) {
    const redacted = await redactionActivities.redactPrompt(parts, verdict.entities);
    if (redacted.stillSensitive) {
      decision = { ...decision, ...targetOf(policy, firstLocalModel(policy)), rule: `${decision.rule}+stays-local`, redact: false, reasons: [...decision.reasons, ...redacted.reasons, 'sensitive data remains after redaction → local'] };
    } else {
      decision = { ...decision, reasons: [...decision.reasons, ...redacted.reasons] };
      ({ mapping } = redacted);
      inferenceParts = redacted.parts;
      inferenceSensitive = false;
    }
  }
  upsertSearchAttributes([
    { key: searchAttributes.dataClass, value: verdict.dataClass },
    { key: searchAttributes.sensitive, value: verdict.sensitive },
    { key: searchAttributes.cloud, value: decision.backendKind === 'cloud' },
    { key: searchAttributes.model, value: decision.model },
    { key: searchAttributes.taskQueue, value: decision.taskQueue },
    { key: searchAttributes.rule, value: decision.rule },
    { key: searchAttributes.policyVersion, value: decision.policyVersion },
    ...(input.metadata?.department ? [{ key: searchAttributes.department, value: input.metadata.department }] : []),
    ...(input.metadata?.application ? [{ key: searchAttributes.application, value: input.metadata.application }] : []),
    { key: searchAttributes.status, value: input.routeOnly ? 'routed-only' : 'inferring' },
    { key: searchAttributes.escalation, value: 'none' },
    { key: searchAttributes.reviewState, value: 'none' },
  ]);
  const memo = { decision, taskType, classification: { dataClass: verdict.dataClass, reasons: verdict.reasons, entityTypes: [...new Set(verdict.entities.map((entity) => entity.type))] } };
  upsertMemo(memo);
  setCurrentDetails(
    `**${verdict.dataClass}** → **${decision.backendKind}** \`${decision.taskQueue}\` (${decision.model}), rule \`${decision.rule}\`, policy \`${decision.policyVersion}\`\n\n` +
      [...verdict.reasons, ...decision.reasons].map((reason) => `- ${reason}`).join('\n'),
  );

  const base = { dataClass: verdict.dataClass, sensitive: verdict.sensitive, classificationReasons: verdict.reasons, entities: verdict.entities, taskType, decision };
  const finish = (status: RoutedTaskResult['status'], answer: string | null, escalation: RoutedTaskResult['escalation']): RoutedTaskResult => {
    const usage = best?.outcome.result.usage ?? null;
    const costUsd = record.attempts.reduce((sum, attempt) => sum + (attempt.costUsd ?? 0), 0);
    upsertSearchAttributes([
      { key: searchAttributes.costUsd, value: costUsd },
      { key: searchAttributes.status, value: status },
    ]);
    upsertMemo({ ...memo, outcome: { status, escalation, confidence: best?.confidence ?? null, attempts: record.attempts.length } });
    return { ...base, status, answer, usage, costUsd, answeredBy: best?.outcome.result.model ?? null, confidence: best?.confidence ?? null, confidenceMethod: best?.method ?? null, escalation, attempts: record.attempts, review: record.decision };
  };
  if (input.routeOnly) return finish('routed-only', null, 'none');

  const threshold = confidenceThreshold(policy, taskType);
  const rungs = escalationRungs(policy, decision.model, inferenceSensitive);
  const messages = inferenceParts.map((part) => ({ role: part.source === 'user' ? ('user' as const) : ('system' as const), content: part.text }));
  let escalation: RoutedTaskResult['escalation'] = 'none';
  const models = [decision.model, ...rungs.models];
  for (const [index, model] of models.entries()) {
    const reason = index === 0 ? `routed by rule ${decision.rule}` : `escalated: confidence ${formatConfidence(best?.confidence ?? null)} below ${threshold} on ${models[index - 1]}`;
    if (index > 0) {
      escalation = 'model';
      upsertSearchAttributes([{ key: searchAttributes.escalation, value: 'model' }]);
    }
    let outcome: InferenceOutcome;
    try {
      outcome = await inferWithFallback(policy, model, { messages, maxOutputTokens: input.maxOutputTokens, logprobs: wantsLogprobs(policy) }, inferenceSensitive, reason, (attempt, usedFallback) => {
        // Reviewers see answers with the redacted values put back: they are on premises.
        record.attempts.push({ ...attempt, answer: restoreValues(attempt.answer), rung: index, costUsd: 0 });
        if (usedFallback && escalation === 'none') {
          escalation = 'fallback';
          upsertSearchAttributes([{ key: searchAttributes.escalation, value: 'fallback' }]);
        }
      });
    } catch (error) {
      // A rung that cannot run at all ends the climb if nothing answered yet; otherwise try the next rung.
      if (best || index + 1 < models.length) continue;
      upsertSearchAttributes([{ key: searchAttributes.status, value: 'failed' }]);
      throw error;
    }
    const attempt = record.attempts.at(-1)!;
    attempt.costUsd = costOf(policy, outcome.target.model, outcome.result.usage);
    const measured = await measureConfidence(policy, outcome, messages.at(-1)!.content, inferenceSensitive);
    attempt.confidence = measured.confidence;
    attempt.confidenceMethod = measured.method;
    if (measured.note) attempt.reason = `${attempt.reason}; ${measured.note}`;
    if (!best || (measured.confidence ?? -1) > (best.confidence ?? -1)) best = { outcome, confidence: measured.confidence, method: measured.method };
    const confident = threshold === 0 || (measured.confidence !== null && measured.confidence >= threshold);
    if (confident) return finish('answered', restoreValues(outcome.result.text), escalation);
    log.info('answer below confidence threshold', { model, confidence: measured.confidence, threshold });
  }
  if (!best) throw ApplicationFailure.create({ type: 'NoAnswer', nonRetryable: true, message: 'no model rung produced an answer' });
  if (!rungs.human) return finish('answered-low-confidence', restoreValues(best.outcome.result.text), escalation);

  const skipped = rungs.skipped.length ? `; cloud rungs ${rungs.skipped.join(', ')} skipped for sensitive data` : '';
  const ending = await awaitReview(record, policy.review.slaMs, `best confidence ${formatConfidence(best.confidence)} below ${threshold} after ${models.join(' → ')}${skipped}`);
  if (ending.kind === 'expired') {
    return policy.review.onExpiry === 'reject' ? finish('expired', null, 'human') : finish('unreviewed', restoreValues(best.outcome.result.text), 'human');
  }
  return finish(stateAfterReview[ending.decision.action], answerAfterReview(ending.decision, restoreValues(best.outcome.result.text)), 'human');
}

function formatConfidence(confidence: number | null): string {
  return confidence === null ? 'unknown' : confidence.toFixed(2);
}

/** Classify every part of the request; failures of any kind fail closed into a sensitive class. */
async function classifyRequest(policy: Policy, parts: PromptPart[]): Promise<ClassVerdict & { entities: RoutedTaskResult['entities'] }> {
  const { classifyPrompt } = proxyActivities<ControlActivities>({
    startToCloseTimeout: policy.timeouts.classifyMs,
    // Few attempts: a classifier that keeps failing should fail closed quickly, not stall the request.
    retry: { maximumAttempts: 2 },
    summary: `classify ${parts.length} prompt part(s)`,
  });
  try {
    const classification = await classifyPrompt(parts);
    return { ...classifyByPolicy(policy, classification.entities.map((entity) => entity.type), classification.failure, classification.topics), entities: classification.entities };
  } catch (error) {
    // The ActivityFailure says only "Activity task failed"; its cause says why.
    const cause = (error as { cause?: Error }).cause;
    log.warn('classification failed; treating the request as sensitive');
    return { ...classifyByPolicy(policy, [], { reason: `classify activity failed: ${cause?.message ?? (error as Error).message}` }), entities: [] };
  }
}
