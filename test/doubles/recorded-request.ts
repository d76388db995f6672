/** What the model-server double records of each request, and how it reads a chat body. */
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type { ReceivedMessage, ReceivedResponseFormat } from './model-server-answers.js';

/** One HTTP request as the double received it (every request, not only chats). */
export interface RecordedRequest {
  protocol: 'ollama' | 'openai' | 'unknown';
  method: string;
  path: string;
  /** Lower-cased header names, as node gives them; `authorization` included. */
  headers: IncomingHttpHeaders;
  /** The parsed JSON body, if any. */
  body: unknown;
  model?: string;
  messages?: ReceivedMessage[];
  stream?: boolean;
  /** The structured output asked for (Ollama `format`, OpenAI `response_format`), if any. */
  responseFormat?: ReceivedResponseFormat;
}

/** The request fields that change the shape of an answer, on either protocol. */
export interface ChatBodyOptions {
  options?: { num_predict?: unknown };
  max_tokens?: unknown;
  max_completion_tokens?: unknown;
  logprobs?: unknown;
  top_logprobs?: unknown;
  format?: unknown;
  response_format?: unknown;
  stream_options?: { include_usage?: unknown };
}

/** Reads a request body as UTF-8 text. */
export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** The chat fields of a parsed body; OpenAI content may be a list of parts, the double only needs the text. */
export function chatFields(body: unknown, protocol: RecordedRequest['protocol']): Partial<RecordedRequest> {
  if (typeof body !== 'object' || body === null) return {};
  const { model, messages, stream } = body as { model?: unknown; messages?: unknown; stream?: unknown };
  const fields: Partial<RecordedRequest> = {};
  if (typeof model === 'string') fields.model = model;
  const responseFormat = protocol === 'ollama' ? ollamaFormat(body as ChatBodyOptions) : openAIResponseFormat(body as ChatBodyOptions);
  if (responseFormat) fields.responseFormat = responseFormat;
  if (typeof stream === 'boolean') fields.stream = stream;
  // Each protocol's default: Ollama streams unless told not to, OpenAI only when asked.
  else if (Array.isArray(messages)) fields.stream = protocol === 'ollama';
  if (Array.isArray(messages)) {
    fields.messages = messages.map((message: { role?: unknown; content?: unknown }) => ({
      role: String(message?.role ?? ''),
      content: Array.isArray(message?.content)
        ? message.content.map((part: { text?: unknown }) => (typeof part?.text === 'string' ? part.text : '')).join('')
        : String(message?.content ?? ''),
    }));
  }
  return fields;
}

// Ollama: `format: "json"` for any JSON, or the JSON Schema itself as the value.
function ollamaFormat(body: ChatBodyOptions): ReceivedResponseFormat | undefined {
  if (body.format === 'json') return { kind: 'json' };
  if (typeof body.format === 'object' && body.format !== null) return { kind: 'json_schema', schema: body.format };
  return undefined;
}

// OpenAI: `{type: "json_object"}`, or `{type: "json_schema", json_schema: {name, schema, strict}}`; `{type: "text"}` is the default.
function openAIResponseFormat(body: ChatBodyOptions): ReceivedResponseFormat | undefined {
  const format = body.response_format as { type?: unknown; json_schema?: { name?: unknown; schema?: unknown; strict?: unknown } } | undefined;
  if (format?.type === 'json_object') return { kind: 'json' };
  if (format?.type !== 'json_schema') return undefined;
  const { name, schema, strict } = format.json_schema ?? {};
  return {
    kind: 'json_schema',
    ...(typeof name === 'string' ? { name } : {}),
    ...(schema === undefined ? {} : { schema }),
    ...(typeof strict === 'boolean' ? { strict } : {}),
  };
}
