/**
 * Decision 0018's pass-through options with the official `openai` client against the gateway on the
 * real dev server and doubles: temperature and response_format reach the model, a named model is
 * honoured where the data class permits and refused (and said so) where it does not, logprobs come
 * back in OpenAI's shape; the routed task refuses bad option values naming the field.
 */
import { WorkflowFailedError } from '@temporalio/client';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RoutedTaskInput } from '../../workflows/routed-task-types.js';
import { startSwitchyardCluster, type SwitchyardCluster } from '../harness/switchyard-cluster.js';
import { startTestGateway, type TestGateway } from './gateway-harness.js';
import { contractErrors } from './openapi-contract.js';

const CARD = 'My card 4111 1111 1111 1111 was charged twice; what now?';

describe('gateway pass-through options', () => {
  let cluster: SwitchyardCluster;
  let gateway: TestGateway;
  let openai: OpenAI;
  beforeAll(async () => {
    cluster = await startSwitchyardCluster();
    gateway = await startTestGateway(cluster);
    openai = new OpenAI({ baseURL: gateway.baseURL, apiKey: await gateway.createKey({ application: 'options-app' }), maxRetries: 0 });
  });
  afterAll(async () => {
    await gateway?.close();
    await cluster?.close();
  });
  beforeEach(() => {
    cluster.cloudModels.reset();
    cluster.localModels.reset();
  });

  it('passes temperature and a JSON Schema response_format to the model', async () => {
    cluster.cloudModels.script('{"city": "Lisbon"}');
    const schema = { type: 'object', properties: { city: { type: 'string' } }, required: ['city'], additionalProperties: false };
    const data = await openai.chat.completions.create({ model: 'auto', temperature: 0.3, response_format: { type: 'json_schema', json_schema: { name: 'city', schema, strict: true } }, messages: [{ role: 'user', content: 'Name a sunny capital as JSON.' }] });

    expect(JSON.parse(data.choices[0]!.message.content!)).toEqual({ city: 'Lisbon' });
    const [call] = cluster.cloudModels.chats();
    expect((call!.body as { temperature?: unknown }).temperature).toBe(0.3);
    expect(call!.responseFormat).toEqual({ kind: 'json_schema', name: 'city', schema, strict: true });
  });

  it('passes a json_object response_format as the protocol\'s "any JSON" to a local model too', async () => {
    cluster.localModels.script('{"ok": true}');
    await openai.chat.completions.create({ model: 'local-small', response_format: { type: 'json_object' }, messages: [{ role: 'user', content: 'Say ok as JSON.' }] });
    expect(cluster.localModels.chats()[0]!.responseFormat).toEqual({ kind: 'json' });
  });

  it('honours a named local model for a public request and says so in the headers', async () => {
    const { data, response } = await openai.chat.completions.create({ model: 'local-small', messages: [{ role: 'user', content: 'How do I bake a sourdough loaf?' }] }).withResponse();

    expect(data.model).toBe('local-small');
    expect(response.headers.get('x-switchyard-route')).toMatch(/^local switchyard-local-/);
    expect(response.headers.get('x-switchyard-model-override')).toBe('model override -> local-small');
    expect(cluster.cloudModels.chats()).toHaveLength(0);
    expect(cluster.localModels.chats()).toHaveLength(1);
  });

  it('keeps a sensitive request local when it names a cloud model, and the headers say why', async () => {
    const { data, response } = await openai.chat.completions.create({ model: 'cloud-fast', messages: [{ role: 'user', content: CARD }] }).withResponse();

    expect(data.model).toBe('local-small');
    expect(response.headers.get('x-switchyard-data-class')).toBe('restricted');
    expect(response.headers.get('x-switchyard-route')).toMatch(/^local switchyard-local-/);
    expect(response.headers.get('x-switchyard-model-override')).toMatch(/^model override cloud-fast refused: sensitive data never goes to a cloud model/);
    expect(cluster.cloudModels.chats()).toHaveLength(0);
  });

  it('answers logprobs in OpenAI\'s shape when asked, and null when not', async () => {
    cluster.cloudModels.script([{ text: 'Yes indeed', logprobs: [{ token: 'Yes', logprob: -0.2 }, { token: ' indeed', logprob: -1.5 }] }, 'Yes indeed']);
    const asked = await openai.chat.completions.create({ model: 'auto', logprobs: true, messages: [{ role: 'user', content: 'Is water wet?' }] });
    const plain = await openai.chat.completions.create({ model: 'auto', messages: [{ role: 'user', content: 'Is water wet?' }] });

    expect(asked.choices[0]!.logprobs!.content).toEqual([
      { token: 'Yes', logprob: -0.2, bytes: [...Buffer.from('Yes')], top_logprobs: [] },
      { token: ' indeed', logprob: -1.5, bytes: [...Buffer.from(' indeed')], top_logprobs: [] },
    ]);
    expect(contractErrors('CreateChatCompletionResponse', asked)).toEqual([]);
    expect(plain.choices[0]!.logprobs).toBeNull();
  });

  it('answers top_logprobs, the likeliest tokens at each position, when asked', async () => {
    cluster.cloudModels.script([{ text: 'Yes indeed', logprobs: [{ token: 'Yes', logprob: -0.2 }, { token: ' indeed', logprob: -1.5 }] }]);
    const asked = await openai.chat.completions.create({ model: 'auto', logprobs: true, top_logprobs: 2, messages: [{ role: 'user', content: 'Is water wet?' }] });

    // The double names the chosen token first and one made-up alternative a nat less likely.
    expect(asked.choices[0]!.logprobs!.content).toEqual([
      { token: 'Yes', logprob: -0.2, bytes: [...Buffer.from('Yes')], top_logprobs: [{ token: 'Yes', logprob: -0.2, bytes: [...Buffer.from('Yes')] }, { token: 'Yes~1', logprob: -1.2, bytes: [...Buffer.from('Yes~1')] }] },
      { token: ' indeed', logprob: -1.5, bytes: [...Buffer.from(' indeed')], top_logprobs: [{ token: ' indeed', logprob: -1.5, bytes: [...Buffer.from(' indeed')] }, { token: ' indeed~1', logprob: -2.5, bytes: [...Buffer.from(' indeed~1')] }] },
    ]);
    expect(contractErrors('CreateChatCompletionResponse', asked)).toEqual([]);
  });

  it.each<[string, Partial<RoutedTaskInput>, string]>([
    ['a temperature out of range', { temperature: 3 }, 'temperature'],
    ['a turn with an unknown role', { messages: [{ role: 'tool' as 'user', content: 'x' }] }, 'messages[0].role'],
    ['a response format without a valid name', { responseFormat: { name: 'has spaces' } }, 'responseFormat.name'],
    ['logprobs that is not a boolean', { logprobs: 'yes' as unknown as boolean }, 'logprobs'],
    ['topLogprobs without logprobs', { topLogprobs: 2 }, 'topLogprobs'],
    ['topLogprobs out of range', { logprobs: true, topLogprobs: 21 }, 'topLogprobs'],
    ['a stream target that is not a URL', { stream: { url: 'file:///etc/passwd', token: 'x'.repeat(32) } }, 'stream.url'],
    ['a model the policy does not know', { model: 'gpt-17-ultra' }, 'model'],
  ])('refuses %s in the routed task, naming %s', async (_label, options, field) => {
    const handle = await cluster.start({ prompt: 'Hello there', ...options });
    const error = await handle.result().then(
      () => undefined,
      (rejection: unknown) => rejection,
    );
    expect(error).toBeInstanceOf(WorkflowFailedError);
    const cause = (error as WorkflowFailedError).cause as Error & { type?: string };
    expect(cause.type).toBe('InvalidRequest');
    expect(cause.message).toContain(`${field}:`);
  });
});
