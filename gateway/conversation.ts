/**
 * A chat conversation mapped onto the routed task's input: system and developer messages become
 * `system`; every earlier user, assistant and tool turn is rendered into `system` as a labelled
 * transcript; the last user message is `prompt`. The routed task classifies system and prompt, so
 * the WHOLE conversation counts for the data class: a card number in turn 1 keeps turn 5 local.
 */
import { contentText, type ChatCompletionRequest } from './chat-request.js';
import { invalidRequest, type GatewayError } from './gateway-error.js';

/** What the routed task receives for a conversation. */
export interface MappedConversation {
  system?: string;
  prompt: string;
}

/** Limits that keep one request from becoming a denial of service. */
export interface ConversationLimits {
  maxMessages: number;
  /** Characters over all message contents. */
  maxCharacters: number;
}

/** The instruction that stands in for `response_format` until the workflow passes it to the backend. */
function responseFormatInstruction(format: ChatCompletionRequest['response_format']): string | undefined {
  if (!format || format.type === 'text') return undefined;
  if (format.type === 'json_object') return 'Respond with one valid JSON object and nothing else.';
  const schema = format.json_schema.schema ? ` matching this JSON Schema: ${JSON.stringify(format.json_schema.schema)}` : '';
  return `Respond with one valid JSON object${schema}, and nothing else.`;
}

/** Maps the request's messages; a conversation that does not end with a user turn is a 400. */
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
  const turns: string[] = [];
  for (const message of messages.slice(0, -1)) {
    const text = contentText(message.content);
    if (message.role === 'system' || message.role === 'developer') instructions.push(text);
    else if (text.trim() !== '') turns.push(`[${message.role}] ${text}`);
  }
  const format = responseFormatInstruction(request.response_format);
  if (format) instructions.push(format);
  const transcript = turns.length > 0 ? `Earlier turns of this conversation, oldest first:\n\n${turns.join('\n\n')}` : undefined;
  const system = [...instructions.filter((text) => text.trim() !== ''), ...(transcript ? [transcript] : [])].join('\n\n');
  return system === '' ? { prompt } : { system, prompt };
}
