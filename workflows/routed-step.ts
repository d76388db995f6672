/**
 * `routedStep()`: one inference step of any workflow, under the control worker's policy. Classify
 * the step's own input and context → retrieve if asked → route (pure, here) → redact for cloud
 * where the class allows → infer with capacity and outage fallback → measure confidence → climb the
 * ladder → wait for a person if the ladder ends there. Each step leaves one StepRecord in the memo,
 * and the run's search attributes hold the union over its steps.
 */
import { ApplicationFailure, log, proxyLocalActivities, setCurrentDetails, upsertMemo, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { SearchAttributeUpdatePair } from '@temporalio/common';
import type { ControlActivities, PromptPart, RecordedEntity } from '../activities/control-activities.js';
import { restore } from '../classification/redaction/restore.js';
import type { RedactionMapping } from '../classification/redaction/redaction-mapping.js';
import { classifyByPolicy, type ClassVerdict } from '../routing/data-classes.js';
import { confidenceThreshold, escalationRungs } from '../routing/escalation.js';
import type { Policy } from '../routing/policy-schema.js';
import { applyModelOverride, costOf, firstLocalModel, route, targetOf } from '../routing/route.js';
import { guessTaskType } from '../routing/task-type.js';
import { searchAttributes } from '../temporal/search-attributes.js';
import { measureConfidence, wantsLogprobs } from './confidence-step.js';
import { chatMessagesOf, conversationParts } from './conversation-parts.js';
import { inferWithFallback, type InferenceOutcome } from './inference-step.js';
import { retrieveContext } from './retrieval-step.js';
import { stateAfterReview, type AttemptRecord } from './review-definitions.js';
import { answerAfterReview, awaitReview } from './review-step.js';
import { emptyRecord, foldIntoRun, recordStep, runPolicy, runState } from './run-state.js';
import { validateRoutedStepInput, type RoutedStepInput, type RoutedStepResult, type StepRecord } from './routed-step-types.js';

// Local activities: they run on the control worker inside the workflow task, and their inputs and
// results are still recorded in history (MarkerRecorded), which is what the audit reads.
const redaction = proxyLocalActivities<ControlActivities>({ startToCloseTimeout: '30 seconds', retry: { maximumAttempts: 2 } });

/** Run one inference step under the policy and return its answer with the audit facts. */
export async function routedStep(input: RoutedStepInput): Promise<RoutedStepResult> {
  const run = runState();
  run.stepCount += 1;
  const step = input?.name ?? `step-${run.stepCount}`;
  const problem = validateRoutedStepInput(input);
  if (problem) throw ApplicationFailure.create({ type: 'InvalidRequest', message: `Invalid request (${step}): ${problem}`, nonRetryable: true });

  const record = emptyRecord();
  record.prompt = input.prompt;
  if (input.system) record.system = input.system;
  // Reviewers read the whole conversation, with the values as sent (redaction is for cloud only).
  if (input.context?.length) record.stepContext = [...input.context];
  if (input.messages?.length) record.messages = input.messages.map(({ role, content }) => ({ role, content }));
  record.metadata = { ...(input.metadata ?? {}) };
  run.record = record;
  let best: { outcome: InferenceOutcome; confidence: number | null; method: string | null } | undefined;
  // Set when the prompt went to cloud redacted: answers get the values put back, on premises.
  let mapping: RedactionMapping | undefined;
  const restoreValues = (text: string | null) => (text !== null && mapping ? restore(text, mapping).text : text);
  run.bestAnswer = () => restoreValues(best?.outcome.result.text ?? null);

  // A client that set the status at start (`initialSearchAttributes`) saves this upsert.
  if (run.stepCount === 1 && workflowInfo().typedSearchAttributes.get(searchAttributes.status) === undefined) {
    upsertSearchAttributes([{ key: searchAttributes.status, value: 'classifying' }]);
  }
  const policy = await runPolicy(run);

  // The whole conversation (earlier turns too) is classified; each part keeps the role it is sent with.
  const { parts, roles } = conversationParts(input);
  let verdict = await classifyRequest(policy, parts);
  if (input.knowledge) {
    const context = await retrieveContext(policy, input.knowledge, input.prompt, verdict);
    verdict = { ...verdict, ...context.verdict, entities: verdict.entities };
    record.context = context.chunks.map((chunk) => ({ source: chunk.source, text: chunk.text, score: chunk.score, dataClass: chunk.dataClass }));
    // Context goes before the user's message, as a system part, so every backend reads it the same
    // way. The recorded entities point at parts by index: those after the insertion move by one.
    if (context.message) {
      const at = parts.length - 1;
      parts.splice(at, 0, { source: 'context', text: context.message });
      roles.splice(at, 0, 'system');
      verdict.entities = verdict.entities.map((entity) => (entity.part >= at ? { ...entity, part: entity.part + 1 } : entity));
    }
  }
  record.dataClass = verdict.dataClass;
  record.sensitive = verdict.sensitive;
  const taskType = input.metadata?.taskType ?? guessTaskType(input.prompt);
  let decision = route({ dataClass: verdict.dataClass, sensitive: verdict.sensitive, taskType, department: input.metadata?.department, application: input.metadata?.application }, policy);
  if (input.model !== undefined) {
    if (!policy.models[input.model]) throw ApplicationFailure.create({ type: 'InvalidRequest', message: `Invalid request (${step}): model: "${input.model}" is not a model of policy ${policy.version}`, nonRetryable: true });
    decision = applyModelOverride(policy, decision, input.model, verdict.sensitive);
  }
  // A rule pinned local (staysLocal) keeps every later choice local too: fallback, ladder, verifier.
  const pinnedLocal = decision.staysLocal;
  // "Redact then cloud": only where the class allows it, and only if the redacted text is clean.
  let inferenceParts = parts;
  let inferenceSensitive = verdict.sensitive;
  if (decision.redact && !input.routeOnly) {
    const redacted = await redaction.redactPrompt(parts, verdict.entities);
    if (redacted.stillSensitive) {
      decision = { ...decision, ...targetOf(policy, firstLocalModel(policy)), rule: `${decision.rule}+stays-local`, redact: false, reasons: [...decision.reasons, ...redacted.reasons, 'sensitive data remains after redaction → local'] };
    } else {
      decision = { ...decision, reasons: [...decision.reasons, ...redacted.reasons] };
      ({ mapping } = redacted);
      inferenceParts = redacted.parts;
      inferenceSensitive = false;
    }
  }
  const staysLocal = inferenceSensitive || pinnedLocal;

  // One batch of attribute updates per step start: the route, folded into the run's union.
  upsertSearchAttributes([
    ...foldIntoRun(run, policy, { dataClass: verdict.dataClass, sensitive: verdict.sensitive, models: [decision.model], rules: [decision.rule] }),
    { key: searchAttributes.policyVersion, value: decision.policyVersion },
    ...(input.metadata?.department ? [{ key: searchAttributes.department, value: input.metadata.department }] : []),
    ...(input.metadata?.application ? [{ key: searchAttributes.application, value: input.metadata.application }] : []),
    { key: searchAttributes.status, value: input.routeOnly ? 'routed-only' : 'inferring' },
    ...(run.stepCount === 1 ? [{ key: searchAttributes.escalation, value: 'none' }, { key: searchAttributes.reviewState, value: 'none' }] : []),
  ]);
  // The plan, for the first step under the routed task's historic memo keys; every step's outcome is in switchyardSteps.
  const memo = { decision, taskType, classification: { dataClass: verdict.dataClass, reasons: verdict.reasons, entityTypes: [...new Set(verdict.entities.map((entity) => entity.type))] } };
  if (run.stepCount === 1) upsertMemo(memo);
  setCurrentDetails(
    `${step}: **${verdict.dataClass}** → planned **${decision.backendKind}** \`${decision.taskQueue}\` (${decision.model}), rule \`${decision.rule}\`, policy \`${decision.policyVersion}\`\n\n` +
      [...verdict.reasons, ...decision.reasons].map((reason) => `- ${reason}`).join('\n'),
  );

  const base = { step, dataClass: verdict.dataClass, sensitive: verdict.sensitive, classificationReasons: verdict.reasons, entities: verdict.entities, taskType, decision };
  const finish = (status: RoutedStepResult['status'], answer: string | null, escalation: RoutedStepResult['escalation']): RoutedStepResult => {
    const usage = best?.outcome.result.usage ?? null;
    const costUsd = record.attempts.reduce((sum, attempt) => sum + (attempt.costUsd ?? 0), 0);
    const sent = dispatchedFacts(record.attempts);
    const updates: SearchAttributeUpdatePair[] = [
      ...foldIntoRun(run, policy, { dataClass: verdict.dataClass, sensitive: verdict.sensitive, ...sent, escalation, costUsd }),
      { key: searchAttributes.status, value: status },
    ];
    const stepRecord: StepRecord = {
      step,
      dataClass: verdict.dataClass,
      sensitive: verdict.sensitive,
      taskType,
      rule: decision.rule,
      policyVersion: decision.policyVersion,
      planned: { model: decision.model, backendKind: decision.backendKind, taskQueue: decision.taskQueue, redact: decision.redact },
      status,
      escalation,
      cloudDispatched: sent.cloud,
      attempts: record.attempts.map(({ rung, model, backend, backendKind, taskQueue, outcome, dispatched }) => ({ rung, model, backend, backendKind, taskQueue, outcome, dispatched })),
    };
    recordStep(run, stepRecord, updates);
    // Token log-probabilities describe the model's own text: none for a redacted prompt or an edited answer.
    const ownText = !mapping && status !== 'edited';
    const logprobs = input.logprobs ? { logprobs: (ownText && best?.outcome.result.tokenLogprobs) || null } : {};
    return { ...base, status, answer, usage, costUsd, answeredBy: best?.outcome.result.model ?? null, confidence: best?.confidence ?? null, confidenceMethod: best?.method ?? null, escalation, attempts: record.attempts, review: record.decision, ...logprobs };
  };
  if (input.routeOnly) return finish('routed-only', null, 'none');

  const threshold = input.confidenceThreshold ?? confidenceThreshold(policy, taskType);
  const rungs = escalationRungs(policy, decision.model, staysLocal);
  const messages = chatMessagesOf(inferenceParts, roles);
  // Pass-through options; the answer streams only when the client sees the model's own text (no redaction to undo).
  const options = {
    ...(input.temperature !== undefined ? { temperature: input.temperature } : {}),
    ...(input.responseFormat ? { responseFormat: input.responseFormat } : {}),
    ...(input.logprobs ? { returnLogprobs: true, ...(input.topLogprobs ? { topLogprobs: input.topLogprobs } : {}) } : {}),
    ...(input.stream && !mapping ? { stream: { ...input.stream, dataClass: verdict.dataClass } } : {}),
  };
  let escalation: RoutedStepResult['escalation'] = 'none';
  const models = [decision.model, ...rungs.models];
  for (const [index, model] of models.entries()) {
    const reason = index === 0 ? `routed by rule ${decision.rule}` : `escalated: confidence ${formatConfidence(best?.confidence ?? null)} below ${threshold} on ${models[index - 1]}`;
    if (index > 0) escalation = 'model';
    let outcome: InferenceOutcome;
    try {
      outcome = await inferWithFallback(policy, model, { messages, maxOutputTokens: input.maxOutputTokens, logprobs: wantsLogprobs(policy), ...options }, staysLocal, reason, (attempt, usedFallback) => {
        // Reviewers see answers with the redacted values put back: they are on premises.
        record.attempts.push({ ...attempt, answer: restoreValues(attempt.answer), rung: index, costUsd: 0 });
        if (usedFallback && escalation === 'none') escalation = 'fallback';
      });
    } catch (error) {
      // A rung that cannot run at all ends the climb if nothing answered yet; otherwise try the next rung.
      if (best || index + 1 < models.length) continue;
      upsertSearchAttributes([
        { key: searchAttributes.status, value: 'failed' },
        ...foldIntoRun(run, policy, { dataClass: verdict.dataClass, sensitive: verdict.sensitive, cloud: dispatchedFacts(record.attempts).cloud }),
      ]);
      throw error;
    }
    const attempt = record.attempts.at(-1)!;
    attempt.costUsd = costOf(policy, outcome.target.model, outcome.result.usage);
    const measured = await measureConfidence(policy, outcome, messages.at(-1)!.content, staysLocal);
    attempt.confidence = measured.confidence;
    attempt.confidenceMethod = measured.method;
    if (measured.note) attempt.reason = `${attempt.reason}; ${measured.note}`;
    if (!best || (measured.confidence ?? -1) > (best.confidence ?? -1)) best = { outcome, confidence: measured.confidence, method: measured.method };
    const confident = threshold === 0 || (measured.confidence !== null && measured.confidence >= threshold);
    if (confident) return finish('answered', restoreValues(outcome.result.text), escalation);
    log.info('answer below confidence threshold', { step, model, confidence: measured.confidence, threshold });
  }
  if (!best) throw ApplicationFailure.create({ type: 'NoAnswer', nonRetryable: true, message: `${step}: no model rung produced an answer` });
  if (!rungs.human || input.review === false) return finish('answered-low-confidence', restoreValues(best.outcome.result.text), escalation);

  const skipped = rungs.skipped.length ? `; cloud rungs ${rungs.skipped.join(', ')} skipped for sensitive data` : '';
  // The review app lists from visibility: what was tried so far must be there while the task waits.
  upsertSearchAttributes(foldIntoRun(run, policy, { dataClass: verdict.dataClass, sensitive: verdict.sensitive, ...dispatchedFacts(record.attempts), escalation: 'human' }));
  const ending = await awaitReview(record, policy.review.slaMs, `${step}: best confidence ${formatConfidence(best.confidence)} below ${threshold} after ${models.join(' → ')}${skipped}`);
  if (ending.kind === 'expired') {
    return policy.review.onExpiry === 'reject' ? finish('expired', null, 'human') : finish('unreviewed', restoreValues(best.outcome.result.text), 'human');
  }
  return finish(stateAfterReview[ending.decision.action], answerAfterReview(ending.decision, restoreValues(best.outcome.result.text)), 'human');
}

/** Where a step's attempts actually sent bytes (an answered attempt was dispatched too): the run's models, queues and cloud facts. */
function dispatchedFacts(attempts: AttemptRecord[]): { models: string[]; taskQueues: string[]; cloud: boolean } {
  const sent = attempts.filter((attempt) => attempt.dispatched === true);
  return { models: sent.map((attempt) => attempt.model), taskQueues: sent.map((attempt) => attempt.taskQueue), cloud: sent.some((attempt) => attempt.backendKind === 'cloud') };
}

function formatConfidence(confidence: number | null): string {
  return confidence === null ? 'unknown' : confidence.toFixed(2);
}

/** Classify every part of the step; failures of any kind fail closed into a sensitive class. */
async function classifyRequest(policy: Policy, parts: PromptPart[]): Promise<ClassVerdict & { entities: RecordedEntity[] }> {
  const { classifyPrompt } = proxyLocalActivities<ControlActivities>({
    startToCloseTimeout: policy.timeouts.classifyMs,
    // Few attempts: a classifier that keeps failing should fail closed quickly, not stall the request.
    retry: { maximumAttempts: 2 },
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
