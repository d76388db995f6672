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
    ...overrideHeader(result),
  };
}

/** Whether a model the request named was honoured, and if not why (from the route's reasons). */
function overrideHeader(result: RoutedTaskResult): Record<string, string> {
  const reason = result.decision.reasons.find((text) => text.startsWith('model override'));
  if (!reason) return {};
  // Header values are Latin-1: the arrow in the reason becomes plain text.
  return { 'x-switchyard-model-override': reason.replace('→', '->') };
}

/** OpenAI's `logprobs` of a choice: the answer's tokens (and their likeliest alternatives, when asked) when the task returned them. */
function logprobsOf(result: RoutedTaskResult) {
  if (!result.logprobs) return null;
  return {
    content: result.logprobs.map(({ token, logprob, top }) => ({ ...openAiLogprob(token, logprob), top_logprobs: (top ?? []).map((entry) => openAiLogprob(entry.token, entry.logprob)) })),
    refusal: null,
  };
}

/** One token in OpenAI's shape: its text, logprob and UTF-8 bytes. */
function openAiLogprob(token: string, logprob: number) {
  return { token, logprob, bytes: [...Buffer.from(token, 'utf8')] };
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
        logprobs: logprobsOf(result),
      },
    ],
    usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens },
    // Switchyard's own facts, beside OpenAI's fields (clients ignore unknown fields).
    switchyard: { status: result.status, data_class: result.dataClass, escalation: result.escalation, cost_usd: result.costUsd, confidence: result.confidence },
  };
}

/** What every chunk of one streamed completion shares. */
export interface ChunkBase {
  id: string;
  created: number;
  model: string;
}

/** One `chat.completion.chunk` with a single choice; `includeUsage` adds OpenAI's `usage: null` to it. */
export function deltaChunk(base: ChunkBase, delta: Record<string, unknown>, finishReason: string | null, includeUsage: boolean): object {
  return { ...base, object: 'chat.completion.chunk', choices: [{ index: 0, delta, finish_reason: finishReason, logprobs: null }], ...(includeUsage ? { usage: null } : {}) };
}

/** The last chunk when usage was asked for: no choices, the usage. */
export function usageChunk(base: ChunkBase, usage: ReturnType<typeof chatCompletionOf>['usage']): object {
  return { ...base, object: 'chat.completion.chunk', choices: [], usage };
}

/** A chat completion answered as server-sent-event chunks (role, content, finish, optional usage). */
export function chatCompletionChunks(completion: ReturnType<typeof chatCompletionOf>, includeUsage: boolean) {
  const base = { id: completion.id, created: completion.created, model: completion.model };
  // chatCompletionOf always builds exactly one choice.
  const { message, finish_reason: finishReason } = completion.choices[0]!;
  const chunks: object[] = [
    deltaChunk(base, { role: 'assistant', content: '' }, null, includeUsage),
    ...(message.content !== null ? [deltaChunk(base, { content: message.content }, null, includeUsage)] : []),
    ...(message.refusal !== null ? [deltaChunk(base, { refusal: message.refusal }, null, includeUsage)] : []),
    deltaChunk(base, {}, finishReason, includeUsage),
  ];
  if (includeUsage) chunks.push(usageChunk(base, completion.usage));
  return chunks;
}
