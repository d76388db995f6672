/**
 * The routed task's result in OpenAI's chat.completion shape (and as stream chunks), plus the
 * headers that name the workflow, data class, route and model so a developer can open the run.
 */
import type { AttemptRecord, ReviewDetails } from '../workflows/review-definitions.js';
import type { RoutedTaskResult } from '../workflows/routed-task-types.js';

/** The attempt whose answer the task returned: the most confident answered one, first on ties (as the workflow picks). */
function answeringAttempt(result: RoutedTaskResult): AttemptRecord | undefined {
  let best: AttemptRecord | undefined;
  for (const attempt of result.attempts) {
    if (attempt.answer === null || attempt.error) continue;
    if (!best || (attempt.confidence ?? -1) > (best.confidence ?? -1)) best = attempt;
  }
  return best;
}

/** The model alias that answered (the planned one when no model answered). */
function answeringModel(result: RoutedTaskResult): string {
  return answeringAttempt(result)?.model ?? result.decision.model;
}

/** The headers that name a task's workflow and its page in the Temporal UI. */
export function taskHeaders(workflowId: string, runUrl: string): Record<string, string> {
  return { 'x-switchyard-workflow-id': workflowId, 'x-switchyard-run-url': runUrl };
}

/** Response headers for a finished task. */
export function resultHeaders(workflowId: string, runUrl: string, result: RoutedTaskResult): Record<string, string> {
  const attempt = answeringAttempt(result);
  const kind = attempt?.backendKind ?? result.decision.backendKind;
  const queue = attempt?.taskQueue ?? result.decision.taskQueue;
  return {
    ...taskHeaders(workflowId, runUrl),
    'x-switchyard-data-class': result.dataClass,
    'x-switchyard-route': `${kind} ${queue}`,
    'x-switchyard-model': answeringModel(result),
    'x-switchyard-status': result.status,
    'x-switchyard-escalation': result.escalation,
  };
}

/** Headers for a task that waits for review. */
export function pendingHeaders(workflowId: string, runUrl: string, details: ReviewDetails): Record<string, string> {
  return { ...taskHeaders(workflowId, runUrl), 'x-switchyard-data-class': details.dataClass, 'x-switchyard-status': 'awaiting-review' };
}

/** OpenAI's chat.completion object for a finished task. */
export function chatCompletionOf(id: string, created: number, result: RoutedTaskResult) {
  const refused = result.answer === null;
  const promptTokens = result.usage?.inputTokens ?? 0;
  const completionTokens = result.usage?.outputTokens ?? 0;
  return {
    id,
    object: 'chat.completion' as const,
    created,
    model: answeringModel(result),
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant' as const,
          content: result.answer,
          // A reviewer's rejection (or an expired review) is a refusal, with the reviewer's reason.
          refusal: refused ? `Not answered: ${result.status}${result.review?.comment ? ` (${result.review.comment})` : ''}` : null,
          annotations: [],
        },
        finish_reason: 'stop' as const,
        logprobs: null,
      },
    ],
    usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens },
    // Switchyard's own facts, beside OpenAI's fields (clients ignore unknown fields).
    switchyard: { status: result.status, data_class: result.dataClass, escalation: result.escalation, cost_usd: result.costUsd, confidence: result.confidence },
  };
}

/** A chat completion answered as server-sent-event chunks (role, content, finish, optional usage). */
export function chatCompletionChunks(completion: ReturnType<typeof chatCompletionOf>, includeUsage: boolean) {
  const base = { id: completion.id, object: 'chat.completion.chunk' as const, created: completion.created, model: completion.model };
  // chatCompletionOf always builds exactly one choice.
  const { message, finish_reason: finishReason } = completion.choices[0]!;
  const usage = includeUsage ? { usage: null } : {};
  const chunks: object[] = [
    { ...base, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null, logprobs: null }], ...usage },
    ...(message.content !== null ? [{ ...base, choices: [{ index: 0, delta: { content: message.content }, finish_reason: null, logprobs: null }], ...usage }] : []),
    ...(message.refusal !== null ? [{ ...base, choices: [{ index: 0, delta: { refusal: message.refusal }, finish_reason: null, logprobs: null }], ...usage }] : []),
    { ...base, choices: [{ index: 0, delta: {}, finish_reason: finishReason, logprobs: null }], ...usage },
  ];
  if (includeUsage) chunks.push({ ...base, choices: [], usage: completion.usage });
  return chunks;
}
