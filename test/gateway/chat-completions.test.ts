/**
 * The gateway with the official `openai` client, unchanged apart from base URL and key, on the real
 * dev server with workers and model-server doubles: plain, multi-turn, JSON format, a card in an
 * earlier turn keeping the conversation local, streaming chunks, models, embeddings; every response
 * checked against the pinned OpenAI OpenAPI schema.
 */
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSwitchyardCluster, type SwitchyardCluster } from '../harness/switchyard-cluster.js';
import { startTestGateway, type TestGateway } from './gateway-harness.js';
import { contractErrors } from './openapi-contract.js';

const CARD_TURN = 'My card 4111 1111 1111 1111 was charged twice last week.';

describe('gateway chat completions with the openai client', () => {
  let cluster: SwitchyardCluster;
  let gateway: TestGateway;
  let openai: OpenAI;
  beforeAll(async () => {
    cluster = await startSwitchyardCluster();
    gateway = await startTestGateway(cluster);
    openai = new OpenAI({ baseURL: gateway.baseURL, apiKey: await gateway.createKey({ application: 'helpdesk', department: 'support' }), maxRetries: 0 });
  });
  afterAll(async () => {
    await gateway?.close();
    await cluster?.close();
  });

  it('answers a plain question in the chat.completion shape with usage and headers naming the run', async () => {
    const { data, response } = await openai.chat.completions.create({ model: 'auto', messages: [{ role: 'user', content: 'How do I bake a sourdough loaf?' }] }).withResponse();

    expect(data.object).toBe('chat.completion');
    expect(data.choices[0]!.message).toMatchObject({ role: 'assistant', content: 'echo: How do I bake a sourdough loaf?' });
    expect(data.usage!.total_tokens).toBe(data.usage!.prompt_tokens + data.usage!.completion_tokens);
    expect(data.usage!.completion_tokens).toBeGreaterThan(0);
    expect(data.model).toBe('cloud-fast');
    expect(response.headers.get('x-switchyard-data-class')).toBe('public');
    expect(response.headers.get('x-switchyard-route')).toMatch(/^cloud switchyard-cloud-/);
    expect(response.headers.get('x-switchyard-model')).toBe('cloud-fast');
    const workflowId = response.headers.get('x-switchyard-workflow-id')!;
    expect(workflowId).toMatch(/^gateway-helpdesk-/);
    expect(response.headers.get('x-switchyard-run-url')).toContain(encodeURIComponent(workflowId));
    expect(contractErrors('CreateChatCompletionResponse', data)).toEqual([]);
    // The key fixed who asked: the run records the key's application and department.
    const description = await cluster.client.workflow.getHandle(workflowId).describe();
    expect(description.searchAttributes).toMatchObject({ SwitchyardApplication: ['helpdesk'], SwitchyardDepartment: ['support'] });
  });

  it('sends a multi-turn conversation to the model as real turns after the system instructions', async () => {
    cluster.cloudModels.reset();
    const data = await openai.chat.completions.create({
      model: 'auto',
      messages: [
        { role: 'system', content: 'You are a terse baking assistant.' },
        { role: 'user', content: 'I want to bake bread at home.' },
        { role: 'assistant', content: 'Start with a simple white loaf.' },
        { role: 'user', content: 'Which flour should I buy?' },
      ],
    });

    expect(data.choices[0]!.message.content).toBe('echo: Which flour should I buy?');
    const [call] = cluster.cloudModels.chats();
    expect(call!.messages).toEqual([
      { role: 'system', content: 'You are a terse baking assistant.' },
      { role: 'user', content: 'I want to bake bread at home.' },
      { role: 'assistant', content: 'Start with a simple white loaf.' },
      { role: 'user', content: 'Which flour should I buy?' },
    ]);
  });

  it('keeps a conversation local when a card number appeared turns earlier, and no byte reaches the cloud double', async () => {
    cluster.cloudModels.reset();
    cluster.localModels.reset();
    const { data, response } = await openai.chat.completions
      .create({
        model: 'auto',
        messages: [
          { role: 'user', content: CARD_TURN },
          { role: 'assistant', content: 'I can help with a duplicate charge.' },
          { role: 'user', content: 'Thanks. What happens next?' },
          { role: 'assistant', content: 'We open a dispute.' },
          { role: 'user', content: 'How long does a dispute take?' },
        ],
      })
      .withResponse();

    expect(response.headers.get('x-switchyard-data-class')).toBe('restricted');
    expect(response.headers.get('x-switchyard-route')).toMatch(/^local switchyard-local-/);
    expect(data.model).toBe('local-small');
    expect(cluster.cloudModels.chats()).toHaveLength(0);
    expect(cluster.localModels.chats()).toHaveLength(1);
  });

  it('answers in JSON when response_format asks for a JSON object', async () => {
    cluster.cloudModels.script((call) => (call.messages.some((message) => message.content.includes('valid JSON object')) ? '{"colours": ["red", "yellow", "blue"]}' : 'not json'));
    const data = await openai.chat.completions.create({ model: 'auto', response_format: { type: 'json_object' }, messages: [{ role: 'user', content: 'Give the three primary colours as JSON.' }] });
    cluster.cloudModels.reset();

    expect(JSON.parse(data.choices[0]!.message.content!)).toEqual({ colours: ['red', 'yellow', 'blue'] });
    expect(contractErrors('CreateChatCompletionResponse', data)).toEqual([]);
  });

  it('streams the answer as chat.completion.chunk events ending with a usage chunk', async () => {
    const stream = await openai.chat.completions.create({ model: 'auto', stream: true, stream_options: { include_usage: true }, messages: [{ role: 'user', content: 'Suggest a colour for a kitchen wall.' }] });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);

    expect(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('')).toBe('echo: Suggest a colour for a kitchen wall.');
    expect(chunks.at(-1)!.choices).toEqual([]);
    expect(chunks.at(-1)!.usage!.completion_tokens).toBeGreaterThan(0);
    for (const chunk of chunks) expect(contractErrors('CreateChatCompletionStreamResponse', chunk)).toEqual([]);
  });

  it('lists auto, the policy aliases and the local embedders as models', async () => {
    const models = await openai.models.list();
    const ids = models.data.map((model) => model.id);

    expect(ids).toEqual(['auto', 'local-small', 'cloud-fast', 'lexical']);
    const raw = await (await fetch(`${gateway.baseURL}/models`, { headers: { authorization: `Bearer ${openai.apiKey}` } })).json();
    expect(contractErrors('ListModelsResponse', raw)).toEqual([]);
  });

  it('serves embeddings from the local lexical embedder, as base64 (the client default) and as floats', async () => {
    const decoded = await openai.embeddings.create({ model: 'lexical', input: ['annual leave days', 'expense policy'] });
    const floats = await openai.embeddings.create({ model: 'lexical', input: 'annual leave days', encoding_format: 'float' });

    expect(decoded.data).toHaveLength(2);
    expect(decoded.data[0]!.embedding).toHaveLength(512);
    decoded.data[0]!.embedding.forEach((value, index) => expect(value).toBeCloseTo(floats.data[0]!.embedding[index]!, 5));
    expect(contractErrors('CreateEmbeddingResponse', floats)).toEqual([]);
  });
});
