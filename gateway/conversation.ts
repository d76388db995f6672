/**
 * A chat request mapped onto the routed task's input (decision 0018): system and developer messages
 * become `system`; earlier user, assistant and tool turns become role-tagged `messages`, which
 * backends receive as real turns; the last user message is `prompt`. The routed task classifies
 * every part, so the WHOLE conversation counts for the data class: a card number in turn 1 keeps
 * turn 5 local. Temperature, response format, logprobs and a named model pass through.
 */
import type { ConversationTurn, RoutedTaskInput } from '../workflows/routed-task-types.js';
import { contentText, type ChatCompletionRequest, type ChatRequestMessage } from './chat-request.js';
import { AUTO_MODEL } from './gateway-context.js';
import { invalidRequest, type GatewayError } from './gateway-error.js';

/** What the routed task receives for a conversation. */
export type MappedConversation = Pick<RoutedTaskInput, 'system' | 'prompt' | 'messages' | 'temperature' | 'responseFormat' | 'logprobs' | 'topLogprobs' | 'model'>;

/** Limits that keep one request from becoming a denial of service. */
export interface ConversationLimits {
  maxMessages: number;
  /** Characters over all message contents. */
  maxCharacters: number;
}

/**
 * The instruction that goes with `response_format`: backends also constrain decoding to it, but a
 * model told what to write does better (and OpenAI's JSON mode requires the word JSON in a message).
 */
function responseFormatInstruction(format: ChatCompletionRequest['response_format']): string | undefined {
  if (!format || format.type === 'text') return undefined;
  if (format.type === 'json_object') return 'Respond with one valid JSON object and nothing else.';
  const schema = format.json_schema.schema ? ` matching this JSON Schema: ${JSON.stringify(format.json_schema.schema)}` : '';
  return `Respond with one valid JSON object${schema}, and nothing else.`;
}

/** OpenAI's `response_format` as the routed task's `responseFormat`. */
function responseFormatOf(format: ChatCompletionRequest['response_format']): RoutedTaskInput['responseFormat'] {
  if (!format || format.type === 'text') return undefined;
  if (format.type === 'json_object') return { name: 'json_object' };
  const { name, schema } = format.json_schema;
  return schema ? { name, schema } : { name };
}

/** An earlier turn as the backend receives it; tool output has no role of its own there, so it is labelled. */
function turnOf(message: ChatRequestMessage, text: string): ConversationTurn {
  if (message.role === 'assistant') return { role: 'assistant', content: text };
  if (message.role === 'tool' || message.role === 'function') return { role: 'user', content: `[${message.role} output] ${text}` };
  return { role: 'user', content: text };
}

/** Maps the request; a conversation that does not end with a user turn is a 400. */
export function mapConversation(request: ChatCompletionRequest, limits: ConversationLimits): MappedConversation | GatewayError {
  const { messages } = request;
  if (messages.length > limits.maxMessages) return invalidRequest(`At most ${limits.maxMessages} messages per request; got ${messages.length}.`, 'messages', 'too_many_messages');
  let characters = 0;
  for (const message of messages) characters += contentText(message.content).length;
  if (characters > limits.maxCharacters) return invalidRequest(`The messages hold ${characters} characters; this gateway accepts at most ${limits.maxCharacters}.`, 'messages', 'context_length_exceeded');
  const last = messages.at(-1)!;
  const lastIndex = messages.length - 1;
  if (last.role !== 'user') return invalidRequest(`The last message must have role "user", got "${last.role}".`, `messages[${lastIndex}].role`);
  const prompt = contentText(last.content);
  if (prompt.trim() === '') return invalidRequest('The last user message is empty.', `messages[${lastIndex}].content`);

  const instructions: string[] = [];
  const turns: ConversationTurn[] = [];
  for (const message of messages.slice(0, -1)) {
    const text = contentText(message.content);
    if (message.role === 'system' || message.role === 'developer') instructions.push(text);
    else if (text.trim() !== '') turns.push(turnOf(message, text));
  }
  const format = responseFormatInstruction(request.response_format);
  if (format) instructions.push(format);
  const system = instructions.filter((text) => text.trim() !== '').join('\n\n');
  const responseFormat = responseFormatOf(request.response_format);
  return {
    ...(system === '' ? {} : { system }),
    prompt,
    ...(turns.length > 0 ? { messages: turns } : {}),
    ...(request.temperature !== undefined && request.temperature !== null ? { temperature: request.temperature } : {}),
    ...(responseFormat ? { responseFormat } : {}),
    ...(request.logprobs ? { logprobs: true, ...(request.top_logprobs ? { topLogprobs: request.top_logprobs } : {}) } : {}),
    ...(request.model !== AUTO_MODEL ? { model: request.model } : {}),
  };
}
