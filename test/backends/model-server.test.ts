/** The model-server double, checked with the real `ollama` and `openai` clients it stands in for. */
import { Ollama } from 'ollama';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startModelServer, type ChatCall, type ModelServer } from '../doubles/model-server.js';

describe('model-server double', () => {
  let server: ModelServer;
  let ollama: Ollama;
  let openai: OpenAI;
  const user = (content: string) => [{ role: 'user' as const, content }];

  beforeAll(async () => {
    server = await startModelServer();
    ollama = new Ollama({ host: server.ollamaUrl });
    openai = new OpenAI({ baseURL: server.openaiUrl, apiKey: 'sk-double', maxRetries: 0 });
  });
  afterAll(async () => {
    await server.close();
  });
  beforeEach(() => {
    server.reset();
  });

  it('answers Ollama /api/chat as one JSON object with counts and done_reason', async () => {
    const response = await ollama.chat({ model: 'double-small', messages: user('what is the weather like in Lisbon today, roughly?'), stream: false });
    expect(response.message).toEqual({ role: 'assistant', content: 'echo: what is the weather like in Lisbon today' });
    expect(response).toMatchObject({ model: 'double-small', done: true, done_reason: 'stop', eval_count: 9, prompt_eval_count: 13 });
  });

  it('streams Ollama /api/chat as NDJSON chunks whose text joins to the answer', async () => {
    server.script('streamed answer in four');
    const chunks = [];
    for await (const chunk of await ollama.chat({ model: 'double-small', messages: user('hi'), stream: true })) chunks.push(chunk);
    expect(chunks.map((chunk) => chunk.message.content).join('')).toBe('streamed answer in four');
    expect(chunks.at(-1)).toMatchObject({ done: true, done_reason: 'stop', eval_count: 4 });
    expect(chunks.slice(0, -1).every((chunk) => !chunk.done)).toBe(true);
  });

  it('answers Ollama /api/chat with top-level logprobs only when asked, top_logprobs on request', async () => {
    const plain = await ollama.chat({ model: 'double-small', messages: user('hello'), stream: false });
    expect(plain).not.toHaveProperty('logprobs');

    server.script({ text: 'sure maybe', logprobs: [{ token: 'sure', logprob: -0.1 }, { token: ' maybe', logprob: -2.3 }] });
    const withLogprobs = await ollama.chat({ model: 'double-small', messages: user('hello'), stream: false, logprobs: true, top_logprobs: 1 });
    expect(withLogprobs.logprobs).toEqual([
      { token: 'sure', logprob: -0.1, top_logprobs: [{ token: 'sure', logprob: -0.1 }] },
      { token: ' maybe', logprob: -2.3, top_logprobs: [{ token: ' maybe', logprob: -2.3 }] },
    ]);
  });

  it('streams Ollama logprobs one token per chunk when asked', async () => {
    server.script({ text: 'a b', logprobs: [{ token: 'a', logprob: -0.5 }, { token: ' b', logprob: -0.25 }] });
    const logprobs = [];
    for await (const chunk of await ollama.chat({ model: 'double-small', messages: user('hi'), stream: true, logprobs: true })) logprobs.push(...(chunk.logprobs ?? []));
    expect(logprobs).toEqual([
      { token: 'a', logprob: -0.5 },
      { token: ' b', logprob: -0.25 },
    ]);
  });

  it('records the structured output a request asks for, on either protocol, and shows it to scripts', async () => {
    const schema = { type: 'object', properties: { ok: { type: 'boolean' } }, required: ['ok'] };
    const calls: ChatCall[] = [];
    server.script((call) => {
      calls.push(call);
      return '{"ok": true}';
    });
    const fromOllama = await ollama.chat({ model: 'double-small', messages: user('a'), stream: false, format: schema });
    await ollama.chat({ model: 'double-small', messages: user('b'), stream: false, format: 'json' });
    const fromOpenAI = await openai.chat.completions.create({
      model: 'double-small',
      messages: user('c'),
      response_format: { type: 'json_schema', json_schema: { name: 'verdict', schema, strict: true } },
    });
    await openai.chat.completions.create({ model: 'double-small', messages: user('d'), response_format: { type: 'json_object' } });
    await openai.chat.completions.create({ model: 'double-small', messages: user('e'), response_format: { type: 'text' } });

    expect(fromOllama.message.content).toBe('{"ok": true}');
    expect(fromOpenAI.choices[0]?.message.content).toBe('{"ok": true}');
    expect(server.requests.map((request) => request.responseFormat)).toEqual([
      { kind: 'json_schema', schema },
      { kind: 'json' },
      { kind: 'json_schema', name: 'verdict', schema, strict: true },
      { kind: 'json' },
      undefined,
    ]);
    expect(calls.map((call) => call.responseFormat?.kind)).toEqual(['json_schema', 'json', 'json_schema', 'json', undefined]);
  });

  it('serves Ollama /api/version and /api/tags', async () => {
    expect(await ollama.version()).toEqual({ version: '0.0.0-model-server-double' });
    expect((await ollama.list()).models.map((model) => model.name)).toEqual(['double-small', 'double-large']);
  });

  it('answers OpenAI /v1/chat/completions with usage, and logprobs only when asked', async () => {
    const plain = await openai.chat.completions.create({ model: 'double-large', messages: user('hello') });
    expect(plain.choices[0]).toMatchObject({ message: { role: 'assistant', content: 'echo: hello' }, finish_reason: 'stop', logprobs: null });
    expect(plain.usage).toEqual({ prompt_tokens: 5, completion_tokens: 2, total_tokens: 7 });

    server.script({ text: 'sure maybe', logprobs: [{ token: 'sure', logprob: -0.1 }, { token: ' maybe', logprob: -2.3 }] });
    const withLogprobs = await openai.chat.completions.create({ model: 'double-large', messages: user('hello'), logprobs: true, top_logprobs: 1 });
    expect(withLogprobs.choices[0]?.logprobs?.content?.map(({ token, logprob }) => [token, logprob])).toEqual([
      ['sure', -0.1],
      [' maybe', -2.3],
    ]);
    expect(withLogprobs.choices[0]?.logprobs?.content?.[0]?.top_logprobs).toHaveLength(1);
  });

  it('streams OpenAI chat completions as SSE chunks, with usage when include_usage is set', async () => {
    server.script('one two three');
    const stream = await openai.chat.completions.create({ model: 'double-small', messages: user('count'), stream: true, stream_options: { include_usage: true } });
    let text = '';
    let finishReason: string | null | undefined;
    let usage: OpenAI.CompletionUsage | null | undefined;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      finishReason = chunk.choices[0]?.finish_reason ?? finishReason;
      usage = chunk.usage ?? usage;
    }
    expect(text).toBe('one two three');
    expect(finishReason).toBe('stop');
    expect(usage).toMatchObject({ completion_tokens: 3 });
  });

  it('streams deltas that join to exactly the non-streamed text, leading, inner and trailing whitespace included, on both protocols', async () => {
    const texts = ['ends with spaces  ', '  starts and ends\n', 'line one\n\nline two\n\n', ' \t ', 'plain'];
    for (const text of texts) {
      server.script([text, text, text, text]);
      const whole = await openai.chat.completions.create({ model: 'double-small', messages: user('q') });
      let streamed = '';
      for await (const chunk of await openai.chat.completions.create({ model: 'double-small', messages: user('q'), stream: true })) streamed += chunk.choices[0]?.delta.content ?? '';
      const ollamaWhole = await ollama.chat({ model: 'double-small', messages: user('q'), stream: false });
      let ollamaStreamed = '';
      for await (const chunk of await ollama.chat({ model: 'double-small', messages: user('q'), stream: true })) ollamaStreamed += chunk.message.content;

      expect(whole.choices[0]?.message.content).toBe(text);
      expect(streamed).toBe(text);
      expect(ollamaWhole.message.content).toBe(text);
      expect(ollamaStreamed).toBe(text);
    }
  });

  it('serves OpenAI /v1/models', async () => {
    const models = await openai.models.list();
    expect(models.data.map((model) => model.id)).toEqual(['double-small', 'double-large']);
  });

  it('records protocol, path, model, messages and the authorization header of each request', async () => {
    await openai.chat.completions.create({ model: 'double-small', messages: user('recorded') });
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]).toMatchObject({
      protocol: 'openai',
      method: 'POST',
      path: '/v1/chat/completions',
      model: 'double-small',
      messages: [{ role: 'user', content: 'recorded' }],
      stream: false,
      headers: { authorization: 'Bearer sk-double' },
    });
  });

  it('consumes a scripted queue in order, then falls back to the echo', async () => {
    server.script(['first', { text: 'second' }]);
    const answers = [];
    for (let index = 0; index < 3; index++) answers.push((await ollama.chat({ model: 'double-small', messages: user('third'), stream: false })).message.content);
    expect(answers).toEqual(['first', 'second', 'echo: third']);
  });

  it('passes every call to a scripted answer function, whichever protocol it came on', async () => {
    const calls: ChatCall[] = [];
    server.script((call) => {
      calls.push(call);
      return `${call.protocol} says ${call.messages.length}`;
    });
    expect((await ollama.chat({ model: 'double-small', messages: user('a'), stream: false })).message.content).toBe('ollama says 1');
    expect((await openai.chat.completions.create({ model: 'double-small', messages: user('b'), max_tokens: 7 })).choices[0]?.message.content).toBe('openai says 1');
    expect(calls[1]).toMatchObject({ protocol: 'openai', model: 'double-small', maxTokens: 7 });
  });

  it('fails the next chats with injected failures in each protocol\'s error shape, then recovers', async () => {
    server.injectFailures({ status: 429, count: 2, body: 'quota' });
    await expect(ollama.chat({ model: 'double-small', messages: user('x'), stream: false })).rejects.toMatchObject({ name: 'ResponseError', status_code: 429, error: 'quota' });
    await expect(openai.chat.completions.create({ model: 'double-small', messages: user('x') })).rejects.toMatchObject({ status: 429, error: { message: 'quota', type: 'rate_limit_error' } });
    expect((await ollama.chat({ model: 'double-small', messages: user('ok'), stream: false })).message.content).toBe('echo: ok');
  });

  it('sends a raw JSON failure body verbatim', async () => {
    server.injectFailures({ status: 503, body: { error: 'loading model' } });
    await expect(ollama.chat({ model: 'double-small', messages: user('x'), stream: false })).rejects.toMatchObject({ status_code: 503, error: 'loading model' });
  });

  it('delays answers by the configured latency', async () => {
    server.setLatency(150);
    const started = performance.now();
    await ollama.chat({ model: 'double-small', messages: user('slow'), stream: false });
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('closes cleanly while a request hangs, failing the hung client', async () => {
    const own = await startModelServer();
    own.hangNext();
    const client = new Ollama({ host: own.ollamaUrl });
    const hung = client.chat({ model: 'double-small', messages: user('never'), stream: false });
    const settled = hung.then(
      () => 'answered',
      (error: unknown) => error,
    );
    for (let attempt = 0; attempt < 200 && own.requests.length === 0; attempt++) await new Promise((resolve) => setTimeout(resolve, 10));
    await own.close();
    expect(await settled).toBeInstanceOf(Error);
  });
});
