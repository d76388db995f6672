/** What the model-server double records of each request, and how it reads a chat body. */
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type { ReceivedMessage } from './model-server-answers.js';

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
}

/** The request fields that change the shape of an answer, on either protocol. */
export interface ChatBodyOptions {
  options?: { num_predict?: unknown };
  max_tokens?: unknown;
  max_completion_tokens?: unknown;
  logprobs?: unknown;
  top_logprobs?: unknown;
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
