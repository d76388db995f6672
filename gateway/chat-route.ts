/**
 * `POST /v1/chat/completions`: each request is one routed task. Validate → check the model against
 * the policy and the key → map the conversation → reserve in the ledger → start the task → answer
 * from its result (JSON, or SSE chunks for `stream: true`) → settle the ledger.
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
import { pendingTaskOf } from './task-view.js';
import { estimateUsage } from './usage-estimate.js';

/** The header a client sets to wait (seconds) for a task that went to human review. */
export const REVIEW_WAIT_HEADER = 'x-switchyard-review-wait';

/** 404 for a model the policy does not know, 403 for one the key may not use. */
function checkModel(deps: GatewayDependencies, key: ApplicationKey, model: string): GatewayError | undefined {
  if (model !== AUTO_MODEL && !deps.policy.models[model]) return new GatewayError(404, 'not_found_error', `The model \`${model}\` does not exist or you do not have access to it.`, 'model_not_found', 'model');
  if (!allowsModel(key, model)) return new GatewayError(403, 'permission_error', `Application ${key.application} may not use model \`${model}\`; allowed: ${key.allowedModels.join(', ')}.`, 'model_not_allowed', 'model');
  // The routed task has no model override yet: naming a model would silently be ignored.
  if (model !== AUTO_MODEL) return invalidRequest(`Naming a model (\`${model}\`) needs a model override the routed workflow does not offer yet; send model "auto" and the policy chooses.`, 'model', 'model_override_unsupported');
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
    const input: RoutedTaskInput = {
      ...conversation,
      maxOutputTokens,
      // The key fixes who is asking: a client cannot claim another application or department.
      metadata: { application: key.application, ...(key.department ? { department: key.department } : {}), ...(request.user ? { user: request.user } : {}) },
    };
    let handle;
    try {
      handle = await deps.tasks.start(input, workflowId, `gateway ${key.application}`);
    } catch (error) {
      deps.ledger.settle(reservation, { tokens: 0, costUsd: 0, workflowId });
      throw error;
    }
    let outcome;
    try {
      outcome = await deps.tasks.outcome(handle, waitMs);
    } catch (error) {
      // It ran and may have spent: keep the upper bound rather than undercount.
      deps.ledger.settle(reservation, { ...estimate, workflowId });
      throw error;
    }
    if (outcome.kind === 'pending') {
      deps.ledger.settle(reservation, { ...estimate, workflowId });
      return c.json(pendingTaskOf(workflowId, outcome.details), 202, pendingHeaders(workflowId, runUrl, outcome.details));
    }
    const { result } = outcome;
    const tokens = (result.usage?.inputTokens ?? 0) + (result.usage?.outputTokens ?? 0);
    deps.ledger.settle(reservation, { tokens, costUsd: result.costUsd, workflowId });
    const completion = chatCompletionOf(`chatcmpl-${uuid}`, Math.floor(Date.now() / 1000), result);
    const headers = resultHeaders(workflowId, runUrl, result);
    if (!request.stream) return c.json(completion, 200, headers);
    return streamCompletion(c, completion, request, headers);
  });
}

/** The finished answer as OpenAI's SSE chunks (see decision 0017: token-level deltas need the inference activity to publish them). */
function streamCompletion(c: Context, completion: ReturnType<typeof chatCompletionOf>, request: ChatCompletionRequest, headers: Record<string, string>) {
  for (const [name, value] of Object.entries(headers)) c.header(name, value);
  return streamSSE(c, async (stream) => {
    for (const chunk of chatCompletionChunks(completion, request.stream_options?.include_usage === true)) await stream.writeSSE({ data: JSON.stringify(chunk) });
    await stream.writeSSE({ data: '[DONE]' });
  });
}
