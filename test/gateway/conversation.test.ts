/** Mapping chat conversations onto the routed task's input, and the request validation in front of it. */
import { describe, expect, it } from 'vitest';
import { parseChatRequest, type ChatCompletionRequest } from '../../gateway/chat-request.js';
import { mapConversation } from '../../gateway/conversation.js';
import { GatewayError } from '../../gateway/gateway-error.js';

const limits = { maxMessages: 10, maxCharacters: 1000 };
const request = (body: object) => parseChatRequest({ model: 'auto', ...body }) as ChatCompletionRequest;

describe('conversation mapping', () => {
  it('puts system and developer messages in system, earlier turns as role-tagged messages, the last user turn as prompt', () => {
    const mapped = mapConversation(
      request({
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'My card is 4111 1111 1111 1111.' },
          { role: 'assistant', content: 'Noted.' },
          { role: 'developer', content: [{ type: 'text', text: 'Answer in English.' }] },
          { role: 'user', content: 'What next?' },
        ],
      }),
      limits,
    );
    expect(mapped).toEqual({
      system: 'Be brief.\n\nAnswer in English.',
      messages: [
        { role: 'user', content: 'My card is 4111 1111 1111 1111.' },
        { role: 'assistant', content: 'Noted.' },
      ],
      prompt: 'What next?',
    });
  });

  it('sends a single user message as the prompt alone', () => {
    expect(mapConversation(request({ messages: [{ role: 'user', content: 'Hi' }] }), limits)).toEqual({ prompt: 'Hi' });
  });

  it('passes response_format through, with an instruction naming the schema', () => {
    const mapped = mapConversation(request({ messages: [{ role: 'user', content: 'Hi' }], response_format: { type: 'json_schema', json_schema: { name: 'city', schema: { type: 'object' } } } }), limits);
    expect(mapped).toEqual({ system: 'Respond with one valid JSON object matching this JSON Schema: {"type":"object"}, and nothing else.', prompt: 'Hi', responseFormat: { name: 'city', schema: { type: 'object' } } });
    const anyObject = mapConversation(request({ messages: [{ role: 'user', content: 'Hi' }], response_format: { type: 'json_object' } }), limits);
    expect(anyObject).toMatchObject({ responseFormat: { name: 'json_object' } });
  });

  it('passes temperature, logprobs and a named model through; auto names none; tool output becomes a labelled user turn', () => {
    const mapped = mapConversation(
      request({
        model: 'local-small',
        temperature: 0.3,
        logprobs: true,
        messages: [
          { role: 'user', content: 'Look it up.' },
          { role: 'tool', content: '42 results', tool_call_id: 'call-1' },
          { role: 'user', content: 'Summarize.' },
        ],
      }),
      limits,
    );
    expect(mapped).toEqual({
      prompt: 'Summarize.',
      messages: [
        { role: 'user', content: 'Look it up.' },
        { role: 'user', content: '[tool output] 42 results' },
      ],
      temperature: 0.3,
      logprobs: true,
      model: 'local-small',
    });
    expect(mapConversation(request({ messages: [{ role: 'user', content: 'Hi' }] }), limits)).not.toHaveProperty('model');
  });

  it.each<[string, object, string]>([
    ['a conversation ending with an assistant turn', { messages: [{ role: 'user', content: 'Hi' }, { role: 'assistant', content: 'Hello' }] }, 'messages[1].role'],
    ['an empty last user turn', { messages: [{ role: 'user', content: '   ' }] }, 'messages[0].content'],
    ['too many messages', { messages: Array.from({ length: 11 }, () => ({ role: 'user', content: 'x' })) }, 'messages'],
    ['too many characters', { messages: [{ role: 'user', content: 'x'.repeat(1001) }] }, 'messages'],
  ])('refuses %s with a 400 naming %s', (_label, body, param) => {
    const mapped = mapConversation(request(body), limits);
    expect(mapped).toBeInstanceOf(GatewayError);
    expect(mapped).toMatchObject({ status: 400, param });
  });

  it('refuses image content parts, naming the part', () => {
    const parsed = parseChatRequest({ model: 'auto', messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'http://x' } }] }] });
    expect(parsed).toBeInstanceOf(GatewayError);
    expect((parsed as GatewayError).param).toMatch(/^messages\[0\]\.content/);
  });
});
