/**
 * A ChatBackend for any OpenAI-compatible `/chat/completions` server: vLLM, llama.cpp server,
 * OpenAI, Gemini's compatible endpoint and others, through the official `openai` client.
 */
import OpenAI from 'openai';
import type { BackendConnection, ChatBackend, ChatRequest, ChatResult } from './backend.js';
import { BackendError, toBackendError } from './backend-error.js';
import { startRequestDeadline } from './request-deadline.js';

// Local servers accept any key; an explicit placeholder also stops the client from falling back
// to OPENAI_API_KEY from the environment, which would send a cloud key to a local server.
const placeholderApiKey = 'not-needed';

/** Creates an OpenAI-compatible backend; SDK retries are off because Temporal retries. */
export function createOpenAICompatibleBackend(connection: BackendConnection): ChatBackend {
  const client = new OpenAI({
    baseURL: connection.baseUrl,
    apiKey: connection.apiKey ?? placeholderApiKey,
    maxRetries: 0,
    timeout: connection.timeoutMs,
  });

  return {
    id: connection.id,
    protocol: 'openai-compatible',
    async chat(request: ChatRequest): Promise<ChatResult> {
      // The client's own timeout stops at the response headers; the deadline also covers the body.
      const deadline = startRequestDeadline(connection.timeoutMs, request.signal);
      try {
        const completion = await client.chat.completions.create(
          {
            model: request.model,
            messages: request.messages.map(({ role, content }) => ({ role, content })),
            ...(request.maxOutputTokens === undefined ? {} : { max_tokens: request.maxOutputTokens }),
            ...(request.temperature === undefined ? {} : { temperature: request.temperature }),
            ...(request.logprobs ? { logprobs: true } : {}),
            // strict: the server must match the schema exactly (OpenAI), or constrain decoding to it (vLLM, llama.cpp).
            ...(request.responseFormat
              ? { response_format: { type: 'json_schema' as const, json_schema: { name: request.responseFormat.name, schema: request.responseFormat.schema, strict: true } } }
              : {}),
          },
          { signal: deadline.signal },
        );
        return toChatResult(completion, connection.id, request.model);
      } catch (error) {
        const abortedBy = deadline.abortedBy();
        throw toBackendError(error, connection.id, { timeoutMs: connection.timeoutMs, ...(abortedBy ? { abortedBy } : {}) });
      } finally {
        deadline.dispose();
      }
    },
  };
}

function toChatResult(completion: OpenAI.Chat.Completions.ChatCompletion, backendId: string, requestedModel: string): ChatResult {
  const choice = completion?.choices?.[0];
  if (!choice) {
    throw new BackendError({ type: 'InvalidResponse', backendId, detail: `no choices in chat completion: ${JSON.stringify(completion).slice(0, 200)}` });
  }
  return {
    // null content is legitimate (a refusal or tool calls only); the caller sees an empty answer.
    text: choice.message?.content ?? '',
    model: completion.model || requestedModel,
    usage: {
      inputTokens: completion.usage?.prompt_tokens ?? 0,
      outputTokens: completion.usage?.completion_tokens ?? 0,
    },
    finishReason: choice.finish_reason || 'unknown',
    ...logprobsOf(choice),
  };
}

// `choices[0].logprobs.content[].logprob`; null when not asked for. Keep only numbers: some servers send null entries.
function logprobsOf(choice: OpenAI.Chat.Completions.ChatCompletion.Choice): { logprobs?: number[] } {
  const content: unknown = choice.logprobs?.content;
  if (!Array.isArray(content)) return {};
  return { logprobs: content.map((entry: { logprob?: unknown } | null) => entry?.logprob).filter((value): value is number => typeof value === 'number') };
}
