/**
 * `POST /v1/chat/completions`: each request is one routed task. Validate → check the model against
 * the policy and the key → map the conversation → reserve in the ledger → start the task → answer
 * from its result (JSON, or SSE chunks for `stream: true`) → settle the ledger. With a stream slot
 * (decision 0017), `stream: true` forwards the answer's pieces as the inference worker sends them.
 */
import { randomUUID } from 'node:crypto';
import type { Context, Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { RoutedTaskInput } from '../workflows/routed-task-types.js';
import { workflowUiLink } from '../workers/worker-environment.js';
import { allowsModel, type ApplicationKey } from './api-keys.js';
import { chatCompletionChunks, chatCompletionOf, pendingHeaders, resultHeaders } from './chat-completion.js';
import { contentText, parseChatRequest, type ChatCompletionRequest } from './chat-request.js';
import { mapConversation } from './conversation.js';
import { AUTO_MODEL, defaultGatewayLimits, type GatewayDependencies, type GatewayEnv } from './gateway-context.js';
import { GatewayError, invalidRequest } from './gateway-error.js';
import { readJsonBody } from './request-body.js';
import type { TaskOutcome } from './routed-task-client.js';
import { streamLive } from './live-stream.js';
import { pendingTaskOf } from './task-view.js';
import { estimateUsage } from './usage-estimate.js';

/** The header a client sets to wait (seconds) for a task that went to human review. */
export const REVIEW_WAIT_HEADER = 'x-switchyard-review-wait';

/** 404 for a model the policy does not know, 403 for one the key may not use. */
function checkModel(deps: GatewayDependencies, key: ApplicationKey, model: string): GatewayError | undefined {
  if (model !== AUTO_MODEL && !deps.policy.models[model]) return new GatewayError(404, 'not_found_error', `The model \`${model}\` does not exist or you do not have access to it.`, 'model_not_found', 'model');
  if (!allowsModel(key, model)) return new GatewayError(403, 'permission_error', `Application ${key.application} may not use model \`${model}\`; allowed: ${key.allowedModels.join(', ')}.`, 'model_not_allowed', 'model');
  // An allowed alias is passed to the task as its model override, which the data class may still refuse (header x-switchyard-model-override).
  return undefined;
}

function reviewWaitMs(c: Context, maxSeconds: number): number {
  const raw = c.req.header(REVIEW_WAIT_HEADER);
  if (raw === undefined) return 0;
  const seconds = Number(raw);
  if (!/^\d+(\.\d+)?$/.test(raw.trim()) || !(seconds >= 0 && seconds <= maxSeconds)) throw invalidRequest(`${REVIEW_WAIT_HEADER} must be a number of seconds from 0 to ${maxSeconds}.`, REVIEW_WAIT_HEADER);
  return seconds * 1000;
}

/** Adds the chat completions route. */
export function addChatRoute(app: Hono<GatewayEnv>, deps: GatewayDependencies): void {
  const limits = { ...defaultGatewayLimits, ...deps.limits };
  app.post('/v1/chat/completions', async (c) => {
    const key = c.get('key');
    const request = parseChatRequest(await readJsonBody(c));
    if (request instanceof GatewayError) throw request;
    const modelProblem = checkModel(deps, key, request.model);
    if (modelProblem) throw modelProblem;
    const waitMs = reviewWaitMs(c, limits.maxReviewWaitSeconds);
    const conversation = mapConversation(request, limits);
    if (conversation instanceof GatewayError) throw conversation;

    const maxOutputTokens = request.max_completion_tokens ?? request.max_tokens ?? limits.defaultMaxOutputTokens;
    const estimate = estimateUsage(deps.policy, request.messages.map((message) => contentText(message.content)), maxOutputTokens);
    await deps.tasks.assertControlWorker();
    const reservation = deps.ledger.admit(key, estimate);
    if (reservation instanceof GatewayError) throw reservation;

    const uuid = randomUUID();
    const workflowId = `gateway-${key.application}-${uuid}`;
    const runUrl = workflowUiLink(deps.uiUrl, deps.namespace, workflowId);
    // Only a streaming request opens a slot; without a stream URL configured there is none.
    const slot = request.stream ? deps.streams?.open(workflowId) : undefined;
    const input: RoutedTaskInput = {
      ...conversation,
      maxOutputTokens,
      // The key fixes who is asking: a client cannot claim another application or department.
      metadata: { application: key.application, ...(key.department ? { department: key.department } : {}), ...(request.user ? { user: request.user } : {}) },
      ...(slot ? { stream: slot.target } : {}),
    };
    let handle;
    try {
      handle = await deps.tasks.start(input, workflowId, `gateway ${key.application}`);
    } catch (error) {
      slot?.close();
      deps.ledger.settle(reservation, { tokens: 0, costUsd: 0, workflowId });
      throw error;
    }
    // The ledger is settled as soon as the outcome is known, whichever way the client is answered.
    const outcome: Promise<TaskOutcome> = deps.tasks.outcome(handle, waitMs).then(
      (settled) => {
        if (settled.kind === 'pending') deps.ledger.settle(reservation, { ...estimate, workflowId });
        else deps.ledger.settle(reservation, { tokens: (settled.result.usage?.inputTokens ?? 0) + (settled.result.usage?.outputTokens ?? 0), costUsd: settled.result.costUsd, workflowId });
        return settled;
      },
      (error: unknown) => {
        // It ran and may have spent: keep the upper bound rather than undercount.
        deps.ledger.settle(reservation, { ...estimate, workflowId });
        throw error;
      },
    );
    if (slot) {
      // Whatever comes first: a delta (answer live) or the outcome (answer from it, as without a slot).
      const live = await Promise.race([slot.relay.firstDelta.then(() => true), outcome.then(() => false, () => false)]);
      if (live) return streamLive(c, { slot, outcome, workflowId, runUrl, id: `chatcmpl-${uuid}`, includeUsage: request.stream_options?.include_usage === true });
      slot.close();
    }
    const settled = await outcome;
    if (settled.kind === 'pending') return c.json(pendingTaskOf(workflowId, settled.details), 202, pendingHeaders(workflowId, runUrl, settled.details));
    const { result } = settled;
    const completion = chatCompletionOf(`chatcmpl-${uuid}`, Math.floor(Date.now() / 1000), result);
    const headers = resultHeaders(workflowId, runUrl, result);
    if (!request.stream) return c.json(completion, 200, headers);
    return streamCompletion(c, completion, request, headers);
  });
}

/** The finished answer as OpenAI's SSE chunks: when no delta came before the task finished (no slot, a sink not allow-listed, a non-streaming backend). */
function streamCompletion(c: Context, completion: ReturnType<typeof chatCompletionOf>, request: ChatCompletionRequest, headers: Record<string, string>) {
  for (const [name, value] of Object.entries(headers)) c.header(name, value);
  return streamSSE(c, async (stream) => {
    for (const chunk of chatCompletionChunks(completion, request.stream_options?.include_usage === true)) await stream.writeSSE({ data: JSON.stringify(chunk) });
    await stream.writeSSE({ data: '[DONE]' });
  });
}
