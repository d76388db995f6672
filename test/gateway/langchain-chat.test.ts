/**
 * LangChain's ChatOpenAI against the gateway, configured only with the gateway's base URL and an
 * application key: plain, multi-turn, streaming, JSON response format, a card in an earlier turn
 * staying local, and errors surfacing as LangChain sees them.
 */
import { AIMessage, HumanMessage, SystemMessage } from '@langchain/core/messages';
import { ChatOpenAI } from '@langchain/openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSwitchyardCluster, type SwitchyardCluster } from '../harness/switchyard-cluster.js';
import { startTestGateway, type TestGateway } from './gateway-harness.js';

describe('LangChain ChatOpenAI against the gateway', () => {
  let cluster: SwitchyardCluster;
  let gateway: TestGateway;
  let chat: ChatOpenAI;
  beforeAll(async () => {
    cluster = await startSwitchyardCluster();
    gateway = await startTestGateway(cluster);
    chat = new ChatOpenAI({ model: 'auto', apiKey: await gateway.createKey({ application: 'langchain-app' }), configuration: { baseURL: gateway.baseURL }, maxRetries: 0 });
  });
  afterAll(async () => {
    await gateway?.close();
    await cluster?.close();
  });

  it('answers a plain invoke with token usage', async () => {
    const answer = await chat.invoke('How do I keep basil fresh?');
    expect(answer.content).toBe('echo: How do I keep basil fresh?');
    expect(answer.usage_metadata!.output_tokens).toBeGreaterThan(0);
    expect(answer.response_metadata.model_name).toBe('cloud-fast');
  });

  it('carries a multi-turn conversation to the model as real turns', async () => {
    cluster.cloudModels.reset();
    const answer = await chat.invoke([new SystemMessage('You are a gardening helper.'), new HumanMessage('I grow tomatoes.'), new AIMessage('Tomatoes like sun.'), new HumanMessage('How often should I water them?')]);

    expect(answer.content).toBe('echo: How often should I water them?');
    expect(cluster.cloudModels.chats()[0]!.messages).toEqual([
      { role: 'system', content: 'You are a gardening helper.' },
      { role: 'user', content: 'I grow tomatoes.' },
      { role: 'assistant', content: 'Tomatoes like sun.' },
      { role: 'user', content: 'How often should I water them?' },
    ]);
  });

  it('streams chunks that add up to the answer, with usage', async () => {
    const streaming = new ChatOpenAI({ model: 'auto', apiKey: chat.apiKey, configuration: { baseURL: gateway.baseURL }, maxRetries: 0, streamUsage: true });
    let text = '';
    let outputTokens = 0;
    for await (const chunk of await streaming.stream('Suggest a name for a cat.')) {
      text += chunk.content as string;
      outputTokens += chunk.usage_metadata?.output_tokens ?? 0;
    }
    expect(text).toBe('echo: Suggest a name for a cat.');
    expect(outputTokens).toBeGreaterThan(0);
  });

  it('asks for a JSON object through response_format', async () => {
    cluster.cloudModels.script((call) => (call.messages.some((message) => message.content.includes('valid JSON object')) ? '{"season": "spring"}' : 'not json'));
    const answer = await chat.invoke('Which season is best for planting, as JSON?', { response_format: { type: 'json_object' } });
    cluster.cloudModels.reset();
    expect(JSON.parse(answer.content as string)).toEqual({ season: 'spring' });
  });

  it('keeps a conversation local when an earlier turn held a card number', async () => {
    cluster.cloudModels.reset();
    const answer = await chat.invoke([new HumanMessage('Card 4111 1111 1111 1111 was charged twice.'), new AIMessage('I can help.'), new HumanMessage('How long will a refund take?')]);

    expect(answer.response_metadata.model_name).toBe('local-small');
    expect(cluster.cloudModels.chats()).toHaveLength(0);
  });

  it('surfaces a wrong key as an authentication error with status 401', async () => {
    const wrong = new ChatOpenAI({ model: 'auto', apiKey: 'sy_000000000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', configuration: { baseURL: gateway.baseURL }, maxRetries: 0 });
    await expect(wrong.invoke('hello')).rejects.toMatchObject({ status: 401 });
  });
});
