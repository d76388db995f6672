/**
 * A ChatBackend for any OpenAI-compatible `/chat/completions` server: vLLM, llama.cpp server,
 * OpenAI, Gemini's compatible endpoint and others, through the official `openai` client. Streams
 * (`stream: true`) when the caller wants the answer as it is generated.
 */
import OpenAI from 'openai';
import type { BackendConnection, ChatBackend, ChatRequest, ChatResult, TokenLogprob } from './backend.js';
import { BackendError, toBackendError } from './backend-error.js';
import { startRequestDeadline } from './request-deadline.js';
import { logprobsOf, streamedLogprobs, tokenLogprobsOf } from './token-logprobs.js';

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
        const body = {
          model: request.model,
          messages: request.messages.map(({ role, content }) => ({ role, content })),
          ...(request.maxOutputTokens === undefined ? {} : { max_tokens: request.maxOutputTokens }),
          ...(request.temperature === undefined ? {} : { temperature: request.temperature }),
          ...(request.logprobs ? { logprobs: true, ...(request.topLogprobs ? { top_logprobs: request.topLogprobs } : {}) } : {}),
          ...responseFormatOf(request.responseFormat),
        };
        if (request.onDelta) {
          // include_usage: the last chunk carries the usage that the non-streaming answer has.
          const stream = await client.chat.completions.create({ ...body, stream: true, stream_options: { include_usage: true } }, { signal: deadline.signal });
          return await collectStream(stream, request.onDelta, connection.id, request.model, request.topLogprobs);
        }
        const completion = await client.chat.completions.create(body, { signal: deadline.signal });
        return toChatResult(completion, connection.id, request.model, request.topLogprobs);
      } catch (error) {
        const abortedBy = deadline.abortedBy();
        throw toBackendError(error, connection.id, { timeoutMs: connection.timeoutMs, ...(abortedBy ? { abortedBy } : {}) });
      } finally {
        deadline.dispose();
      }
    },
  };
}

/** strict: the server must match the schema exactly (OpenAI), or constrain decoding to it (vLLM, llama.cpp); no schema: any JSON object. */
function responseFormatOf(format: ChatRequest['responseFormat']): { response_format?: OpenAI.Chat.Completions.ChatCompletionCreateParams['response_format'] } {
  if (!format) return {};
  if (!format.schema) return { response_format: { type: 'json_object' } };
  return { response_format: { type: 'json_schema', json_schema: { name: format.name, schema: format.schema, strict: true } } };
}

/** Reads a streamed completion, handing each content piece on, into the same ChatResult as a whole answer. */
async function collectStream(stream: AsyncIterable<OpenAI.Chat.Completions.ChatCompletionChunk>, onDelta: (text: string) => void, backendId: string, requestedModel: string, topLogprobs: number | undefined): Promise<ChatResult> {
  let text = '';
  let model = '';
  let finishReason = '';
  let usage: OpenAI.Completions.CompletionUsage | undefined;
  let sawChoice = false;
  const tokenLogprobs: TokenLogprob[] = [];
  for await (const chunk of stream) {
    model ||= chunk.model;
    if (chunk.usage) usage = chunk.usage;
    const choice = chunk.choices?.[0];
    if (!choice) continue;
    sawChoice = true;
    const piece = choice.delta?.content;
    if (piece) {
      text += piece;
      onDelta(piece);
    }
    tokenLogprobs.push(...tokenLogprobsOf(choice.logprobs?.content, topLogprobs));
    if (choice.finish_reason) finishReason = choice.finish_reason;
  }
  if (!sawChoice) throw new BackendError({ type: 'InvalidResponse', backendId, detail: 'the streamed chat completion had no choices' });
  return {
    text,
    model: model || requestedModel,
    usage: { inputTokens: usage?.prompt_tokens ?? 0, outputTokens: usage?.completion_tokens ?? 0 },
    finishReason: finishReason || 'unknown',
    ...streamedLogprobs(tokenLogprobs),
  };
}

function toChatResult(completion: OpenAI.Chat.Completions.ChatCompletion, backendId: string, requestedModel: string, topLogprobs: number | undefined): ChatResult {
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
    // `choices[0].logprobs.content`: null when not asked for.
    ...logprobsOf(choice.logprobs?.content, topLogprobs),
  };
}
