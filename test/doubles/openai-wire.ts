/** OpenAI's chat-completions wire format (`/v1/*`), as much of it as the `openai` client reads. */
import type { ServerResponse } from 'node:http';
import { alternativesOf, type ResolvedAnswer, type TokenLogprob } from './model-server-answers.js';
import { sendJson } from './send-json.js';

// The `type` OpenAI puts in error bodies for each status the double can fail with.
const errorTypes: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'invalid_request_error',
  429: 'rate_limit_error',
};

/** OpenAI's error body: `{"error": {"message", "type", "param", "code"}}`. */
export function openAIError(status: number, message: string, code: string | null = null): unknown {
  return { error: { message, type: errorTypes[status] ?? 'server_error', param: null, code } };
}

/** `GET /v1/models`. */
export function openAIModels(models: string[]): unknown {
  return { object: 'list', data: models.map((id) => ({ id, object: 'model', created: 1_735_689_600, owned_by: 'model-server-double' })) };
}

/** Options of one chat completion that change the response's shape. */
export interface OpenAIChatShape {
  id: string;
  stream: boolean;
  logprobs: boolean;
  topLogprobs: number;
  includeUsage: boolean;
}

function logprobContent(entries: TokenLogprob[], topLogprobs: number): unknown[] {
  const withBytes = ({ token, logprob }: TokenLogprob) => ({ token, logprob, bytes: [...Buffer.from(token, 'utf8')] });
  return entries.map((entry) => ({ ...withBytes(entry), top_logprobs: alternativesOf(entry, topLogprobs).map(withBytes) }));
}

function usage(answer: ResolvedAnswer): unknown {
  return { prompt_tokens: answer.promptTokens, completion_tokens: answer.completionTokens, total_tokens: answer.promptTokens + answer.completionTokens };
}

/** `POST /v1/chat/completions`: one `chat.completion`, or SSE `chat.completion.chunk`s ending in `[DONE]`. */
export function sendOpenAIChat(res: ServerResponse, model: string, answer: ResolvedAnswer, shape: OpenAIChatShape): void {
  const created = Math.floor(Date.now() / 1000);
  if (!shape.stream) {
    sendJson(res, 200, {
      id: shape.id,
      object: 'chat.completion',
      created,
      model,
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: answer.text, refusal: null },
          logprobs: shape.logprobs ? { content: logprobContent(answer.logprobs, shape.topLogprobs), refusal: null } : null,
          finish_reason: answer.finishReason,
        },
      ],
      usage: usage(answer),
    });
    return;
  }
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
  const chunk = (choices: unknown[], extra: Record<string, unknown> = {}): void => {
    res.write(`data: ${JSON.stringify({ id: shape.id, object: 'chat.completion.chunk', created, model, choices, ...extra })}\n\n`);
  };
  chunk([{ index: 0, delta: { role: 'assistant', content: '' }, logprobs: null, finish_reason: null }]);
  answer.tokens.forEach((token, index) => {
    const entry = answer.logprobs[index];
    const logprobs = shape.logprobs && entry ? { content: logprobContent([entry], shape.topLogprobs), refusal: null } : null;
    chunk([{ index: 0, delta: { content: token }, logprobs, finish_reason: null }]);
  });
  chunk([{ index: 0, delta: {}, logprobs: null, finish_reason: answer.finishReason }]);
  // As OpenAI does: usage only on request, in a last chunk with no choices.
  if (shape.includeUsage) chunk([], { usage: usage(answer) });
  res.end('data: [DONE]\n\n');
}
