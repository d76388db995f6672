/**
 * The routed task: classify → route (pure, here in workflow code) → infer on the chosen queue.
 * Every step leaves its decision in search attributes, memo and activity summaries, so the run's
 * history answers "where was this processed, under which policy, by which model".
 */
import {
  ApplicationFailure,
  log,
  proxyActivities,
  setCurrentDetails,
  upsertMemo,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import type { ControlActivities, PromptPart } from '../activities/control-activities.js';
import type { InferenceActivities, InferenceRequest } from '../activities/inference-activities.js';
import { classifyByPolicy, type ClassVerdict } from '../routing/data-classes.js';
import { costOf, route } from '../routing/route.js';
import { guessTaskType } from '../routing/task-type.js';
import { searchAttributes } from '../temporal/search-attributes.js';
import { validateRoutedTaskInput, type RoutedTaskInput, type RoutedTaskResult } from './routed-task-types.js';

const policyActivities = proxyActivities<ControlActivities>({
  startToCloseTimeout: '10 seconds',
  retry: { maximumAttempts: 5 },
  summary: 'load the routing policy',
});

/** Route one AI request under the control worker's policy and return the answer with its audit facts. */
export async function routedTask(input: RoutedTaskInput): Promise<RoutedTaskResult> {
  const problem = validateRoutedTaskInput(input);
  if (problem) throw ApplicationFailure.create({ type: 'InvalidRequest', message: `Invalid request: ${problem}`, nonRetryable: true });
  upsertSearchAttributes([{ key: searchAttributes.status, value: 'classifying' }]);

  const policy = await policyActivities.getPolicy();
  const parts: PromptPart[] = [...(input.system ? [{ source: 'system' as const, text: input.system }] : []), { source: 'user', text: input.prompt }];
  const { classifyPrompt } = proxyActivities<ControlActivities>({
    startToCloseTimeout: policy.timeouts.classifyMs,
    // Few attempts: a classifier that keeps failing should fail closed quickly, not stall the request.
    retry: { maximumAttempts: 2 },
    summary: `classify ${parts.length} prompt part(s)`,
  });
  let verdict: ClassVerdict;
  let entities: RoutedTaskResult['entities'] = [];
  try {
    const classification = await classifyPrompt(parts);
    entities = classification.entities;
    verdict = classifyByPolicy(policy, entities.map((entity) => entity.type), classification.failure);
  } catch (error) {
    // Fail closed: if we cannot tell what is in the prompt, it is treated as sensitive.
    // The ActivityFailure says only "Activity task failed"; its cause says why.
    const cause = (error as { cause?: Error }).cause;
    verdict = classifyByPolicy(policy, [], { reason: `classify activity failed: ${cause?.message ?? (error as Error).message}` });
    log.warn('classification failed; treating the request as sensitive', { dataClass: verdict.dataClass });
  }

  const taskType = input.metadata?.taskType ?? guessTaskType(input.prompt);
  const decision = route(
    { dataClass: verdict.dataClass, sensitive: verdict.sensitive, taskType, department: input.metadata?.department, application: input.metadata?.application },
    policy,
  );
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
  ]);
  upsertMemo({ decision, classification: { dataClass: verdict.dataClass, reasons: verdict.reasons, entityTypes: [...new Set(entities.map((entity) => entity.type))] }, taskType });
  setCurrentDetails(
    `**${verdict.dataClass}** → **${decision.backendKind}** \`${decision.taskQueue}\` (${decision.model}), rule \`${decision.rule}\`, policy \`${decision.policyVersion}\`\n\n` +
      [...verdict.reasons, ...decision.reasons].map((reason) => `- ${reason}`).join('\n'),
  );

  const base = { dataClass: verdict.dataClass, sensitive: verdict.sensitive, classificationReasons: verdict.reasons, entities, taskType, decision };
  if (input.routeOnly) return { ...base, status: 'routed-only', answer: null, usage: null, costUsd: 0, answeredBy: null };

  const { infer } = proxyActivities<InferenceActivities>({
    taskQueue: decision.taskQueue,
    // Not picked up in time means the pool is saturated or down (fallbacks arrive with escalation work).
    scheduleToStartTimeout: policy.timeouts.scheduleToStartMs,
    startToCloseTimeout: policy.timeouts.inferenceMs,
    retry: {
      maximumAttempts: policy.retry.maximumAttempts,
      initialInterval: policy.retry.initialIntervalMs,
      backoffCoefficient: policy.retry.backoffCoefficient,
      maximumInterval: policy.retry.maximumIntervalMs,
    },
    summary: `infer on ${decision.backendKind} ${decision.backend}/${decision.providerModel} (${verdict.dataClass})`,
  });
  const request: InferenceRequest = {
    backend: decision.backend,
    model: decision.providerModel,
    messages: [...(input.system ? [{ role: 'system' as const, content: input.system }] : []), { role: 'user', content: input.prompt }],
    maxOutputTokens: input.maxOutputTokens,
  };
  let result;
  try {
    result = await infer(request);
  } catch (error) {
    // Leave the run findable as failed (with its decision) before the failure reaches the caller.
    upsertSearchAttributes([{ key: searchAttributes.status, value: 'failed' }]);
    throw error;
  }
  const costUsd = costOf(policy, decision.model, result.usage);
  upsertSearchAttributes([
    { key: searchAttributes.costUsd, value: costUsd },
    { key: searchAttributes.status, value: 'answered' },
  ]);
  return { ...base, status: 'answered', answer: result.text, usage: result.usage, costUsd, answeredBy: result.model };
}
