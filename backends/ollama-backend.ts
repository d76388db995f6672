/** A ChatBackend speaking Ollama's native `/api/chat` through the official `ollama` client, streaming when asked to. */
import { AsyncLocalStorage } from 'node:async_hooks';
import { Ollama, type ChatResponse } from 'ollama';
import type { BackendConnection, ChatBackend, ChatRequest, ChatResult, TokenLogprob } from './backend.js';
import { BackendError, toBackendError } from './backend-error.js';
import { startRequestDeadline } from './request-deadline.js';
import { logprobsOf, streamedLogprobs, tokenLogprobsOf } from './token-logprobs.js';

/** What one call hands the shared client's fetch: its deadline, and where to leave `retry-after`. */
interface CallState {
  signal: AbortSignal;
  retryAfter: string | null;
}

/** Creates an Ollama backend with one client for all its calls; the client never retries, Temporal does. */
export function createOllamaBackend(connection: BackendConnection): ChatBackend {
  // Ollama itself takes no key, but proxies in front of it (and ollama.com) take a bearer token.
  const headers = connection.apiKey ? { Authorization: `Bearer ${connection.apiKey}` } : undefined;
  // The non-streaming `chat()` accepts no signal and its ResponseError hides headers we want
  // (`retry-after`): the shared client's fetch finds the current call's state through async context.
  const calls = new AsyncLocalStorage<CallState>();
  const client = new Ollama({
    host: connection.baseUrl,
    ...(headers ? { headers } : {}),
    fetch: async (input, init) => {
      const call = calls.getStore();
      const response = await fetch(input, { ...init, ...(call ? { signal: call.signal } : {}) });
      if (call) call.retryAfter = response.headers.get('retry-after');
      return response;
    },
  });

  return {
    id: connection.id,
    protocol: 'ollama',
    async chat(request: ChatRequest): Promise<ChatResult> {
      const deadline = startRequestDeadline(connection.timeoutMs, request.signal);
      const call: CallState = { signal: deadline.signal, retryAfter: null };
      try {
        const body = {
          model: request.model,
          messages: request.messages.map(({ role, content }) => ({ role, content })),
          // Ollama 0.12.11+ honours `logprobs`; older servers ignore the field and answer without them.
          ...(request.logprobs ? { logprobs: true, ...(request.topLogprobs ? { top_logprobs: request.topLogprobs } : {}) } : {}),
          // Ollama takes the JSON Schema itself as `format` and constrains decoding to it; `json` is any JSON.
          ...(request.responseFormat ? { format: request.responseFormat.schema ?? 'json' } : {}),
          options: {
            ...(request.temperature === undefined ? {} : { temperature: request.temperature }),
            ...(request.maxOutputTokens === undefined ? {} : { num_predict: request.maxOutputTokens }),
          },
        };
        const { onDelta } = request;
        if (onDelta) {
          const stream = await calls.run(call, () => client.chat({ ...body, stream: true }));
          return await collectStream(stream, onDelta, connection.id, request.model, request.topLogprobs);
        }
        const response = await calls.run(call, () => client.chat({ ...body, stream: false }));
        return toChatResult(response, connection.id, request.model, request.topLogprobs);
      } catch (error) {
        const abortedBy = deadline.abortedBy();
        throw toBackendError(error, connection.id, { timeoutMs: connection.timeoutMs, retryAfter: call.retryAfter, ...(abortedBy ? { abortedBy } : {}) });
      } finally {
        deadline.dispose();
      }
    },
  };
}

/** Reads Ollama's NDJSON stream (one object per token, then a `done` object with the counts) into one ChatResult. */
async function collectStream(stream: AsyncIterable<ChatResponse>, onDelta: (text: string) => void, backendId: string, requestedModel: string, topLogprobs: number | undefined): Promise<ChatResult> {
  let text = '';
  let last: ChatResponse | undefined;
  const tokenLogprobs: TokenLogprob[] = [];
  for await (const part of stream) {
    const piece: unknown = part?.message?.content;
    if (typeof piece !== 'string') throw new BackendError({ type: 'InvalidResponse', backendId, detail: `no message content in a streamed /api/chat object: ${JSON.stringify(part).slice(0, 200)}` });
    if (piece) {
      text += piece;
      onDelta(piece);
    }
    tokenLogprobs.push(...tokenLogprobsOf(part.logprobs, topLogprobs));
    last = part;
  }
  if (!last?.done) throw new BackendError({ type: 'InvalidResponse', backendId, detail: 'the /api/chat stream ended without its final `done` object' });
  return {
    text,
    model: last.model || requestedModel,
    usage: { inputTokens: last.prompt_eval_count ?? 0, outputTokens: last.eval_count ?? 0 },
    finishReason: last.done_reason || 'unknown',
    ...streamedLogprobs(tokenLogprobs),
  };
}

// Trust nothing about the body's shape: a proxy or a wrong baseUrl can answer 200 with anything.
function toChatResult(response: ChatResponse, backendId: string, requestedModel: string, topLogprobs: number | undefined): ChatResult {
  const content: unknown = response?.message?.content;
  if (typeof content !== 'string') {
    throw new BackendError({ type: 'InvalidResponse', backendId, detail: `no message content in /api/chat answer: ${JSON.stringify(response).slice(0, 200)}` });
  }
  return {
    text: content,
    model: response.model || requestedModel,
    usage: {
      // Ollama omits prompt_eval_count when the whole prompt was served from its cache.
      inputTokens: response.prompt_eval_count ?? 0,
      outputTokens: response.eval_count ?? 0,
    },
    finishReason: response.done_reason || 'unknown',
    // Top-level `logprobs: [{token, logprob}]`.
    ...logprobsOf(response.logprobs, topLogprobs),
  };
}
