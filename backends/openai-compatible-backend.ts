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
  };
}
