/** One contract every ChatBackend passes, run against the model-server double with the real clients. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { BackendConnection, BackendProtocol, ChatBackend, ChatRequest } from '../../backends/backend.js';
import { BackendError } from '../../backends/backend-error.js';
import { createBackend } from '../../backends/create-backend.js';
import { confidenceFromLogprobs } from '../../backends/confidence.js';
import { createLlamaCppBackend } from '../../backends/llama-cpp-backend.js';
import { closedPortUrl } from '../doubles/closed-port.js';
import { startModelServer, type ModelServer, type RecordedRequest } from '../doubles/model-server.js';
import { ensureModel, SMALL_CHAT_MODEL } from './real-models.js';

interface Implementation {
  protocol: BackendProtocol;
  baseUrl(serverUrl: string): string;
  /** Where the protocol puts the output-token limit in its request body. */
  outputLimit(body: unknown): unknown;
  /** The authorization header sent when the connection has no key. */
  authorizationWithoutKey: string | undefined;
  /** The request-body field that asks for structured output, in the protocol's own shape. */
  structuredOutputField(body: unknown): unknown;
  /** What that field should hold for `responseFormat`. */
  expectedStructuredOutput(format: NonNullable<ChatRequest['responseFormat']>): unknown;
}

const implementations: Implementation[] = [
  {
    protocol: 'ollama',
    baseUrl: (url) => url,
    outputLimit: (body) => (body as { options?: { num_predict?: unknown } }).options?.num_predict,
    authorizationWithoutKey: undefined,
    structuredOutputField: (body) => (body as { format?: unknown }).format,
    // Ollama takes the bare schema; it has no place for the name.
    expectedStructuredOutput: (format) => format.schema,
  },
  {
    protocol: 'openai-compatible',
    baseUrl: (url) => `${url}/v1`,
    outputLimit: (body) => (body as { max_tokens?: unknown }).max_tokens,
    authorizationWithoutKey: 'Bearer not-needed',
    structuredOutputField: (body) => (body as { response_format?: unknown }).response_format,
    expectedStructuredOutput: (format) => ({ type: 'json_schema', json_schema: { name: format.name, schema: format.schema, strict: true } }),
  },
];

const hello: ChatRequest = { model: 'double-small', messages: [{ role: 'user', content: 'hello there' }] };

const verdictFormat = {
  name: 'verdict',
  schema: { type: 'object', properties: { ok: { type: 'boolean' } }, required: ['ok'], additionalProperties: false },
};

async function failureOf(promise: Promise<unknown>): Promise<BackendError> {
  const error = await promise.then(
    () => undefined,
    (rejection: unknown) => rejection,
  );
  expect(error).toBeInstanceOf(BackendError);
  return error as BackendError;
}

async function until(condition: () => boolean): Promise<void> {
  for (let attempt = 0; attempt < 200 && !condition(); attempt++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(condition()).toBe(true);
}

for (const implementation of implementations) {
  describe(`${implementation.protocol} backend contract`, () => {
    let server: ModelServer;
    const chatRequests = (): RecordedRequest[] => server.requests.filter((request) => request.method === 'POST');
    const backendFor = (overrides: Partial<BackendConnection> = {}): ChatBackend =>
      createBackend({ id: `test-${implementation.protocol}`, protocol: implementation.protocol, baseUrl: implementation.baseUrl(server.url), timeoutMs: 5_000, ...overrides });

    beforeAll(async () => {
      server = await startModelServer();
    });
    afterAll(async () => {
      await server.close();
    });
    beforeEach(() => {
      server.reset();
    });

    it('identifies itself by the connection id and its protocol', () => {
      const backend = backendFor({ id: 'gpu-box' });
      expect(backend.id).toBe('gpu-box');
      expect(backend.protocol).toBe(implementation.protocol);
    });

    it('answers a chat with text, model, token usage and finish reason', async () => {
      const result = await backendFor().chat(hello);
      expect(result).toEqual({ text: 'echo: hello there', model: 'double-small', usage: { inputTokens: 6, outputTokens: 3 }, finishReason: 'stop' });
    });

    it('passes model, messages, temperature and the output limit through unchanged', async () => {
      const messages: ChatRequest['messages'] = [
        { role: 'system', content: 'be brief' },
        { role: 'user', content: 'first question' },
        { role: 'assistant', content: 'first answer' },
        { role: 'user', content: 'second question' },
      ];
      await backendFor().chat({ model: 'double-large', messages, temperature: 0.2, maxOutputTokens: 64 });
      const [request] = chatRequests();
      expect(request?.model).toBe('double-large');
      expect(request?.messages).toEqual(messages);
      expect(request?.stream).toBe(false);
      expect(implementation.outputLimit(request?.body)).toBe(64);
      expect(JSON.stringify(request?.body)).toContain('"temperature":0.2');
    });

    it('returns a scripted answer and reports finishReason "length" when cut by maxOutputTokens', async () => {
      server.script(['one two three four five']);
      const result = await backendFor().chat({ ...hello, maxOutputTokens: 2 });
      expect(result.text).toBe('one two');
      expect(result.usage.outputTokens).toBe(2);
      expect(result.finishReason).toBe('length');
    });

    it('returns per-token logprobs when asked, and asks the server for them', async () => {
      server.script({ text: 'sure maybe', logprobs: [{ token: 'sure', logprob: -0.1 }, { token: ' maybe', logprob: -2.3 }] });
      const result = await backendFor().chat({ ...hello, logprobs: true });
      expect(result.logprobs).toEqual([-0.1, -2.3]);
      expect(result.text).toBe('sure maybe');
      expect((chatRequests()[0]?.body as { logprobs?: unknown }).logprobs).toBe(true);
    });

    it('returns the likeliest tokens at each position when asked (topLogprobs), and asks the server for that many', async () => {
      server.script({ text: 'sure maybe', logprobs: [{ token: 'sure', logprob: -0.1 }, { token: ' maybe', logprob: -2.3 }] });
      const result = await backendFor().chat({ ...hello, logprobs: true, topLogprobs: 3 });
      expect((chatRequests()[0]?.body as { top_logprobs?: unknown }).top_logprobs).toBe(3);
      expect(result.tokenLogprobs).toHaveLength(2);
      for (const entry of result.tokenLogprobs!) {
        expect(entry.top).toHaveLength(3);
        expect(entry.top![0]).toEqual({ token: entry.token, logprob: entry.logprob });
        expect(entry.top!.map((alternative) => alternative.logprob)).toEqual([...entry.top!.map((alternative) => alternative.logprob)].sort((a, b) => b - a));
      }
    });

    it('returns no logprobs when not asked, and does not ask the server for them', async () => {
      const result = await backendFor().chat(hello);
      expect(result).not.toHaveProperty('logprobs');
      expect(chatRequests()[0]?.body).not.toHaveProperty('logprobs');
    });

    it('sends responseFormat in the protocol\'s structured-output shape and returns the JSON text as-is', async () => {
      server.script('{"ok": true}');
      const result = await backendFor().chat({ ...hello, responseFormat: verdictFormat });
      expect(result.text).toBe('{"ok": true}');
      const [request] = chatRequests();
      expect(implementation.structuredOutputField(request?.body)).toEqual(implementation.expectedStructuredOutput(verdictFormat));
      expect(request?.responseFormat).toMatchObject({ kind: 'json_schema', schema: verdictFormat.schema });
    });

    it('asks for no structured output when the request has no responseFormat', async () => {
      await backendFor().chat(hello);
      const [request] = chatRequests();
      expect(implementation.structuredOutputField(request?.body)).toBeUndefined();
      expect(request?.responseFormat).toBeUndefined();
    });

    it('sends the API key as a bearer token, and no real key when none is configured', async () => {
      await backendFor({ apiKey: 'sk-test-123' }).chat(hello);
      await backendFor().chat(hello);
      const [withKey, withoutKey] = chatRequests();
      expect(withKey?.headers.authorization).toBe('Bearer sk-test-123');
      expect(withoutKey?.headers.authorization).toBe(implementation.authorizationWithoutKey);
    });

    it('turns 429 into a retryable RateLimited error carrying status, retry-after and the server message', async () => {
      server.injectFailures({ status: 429, body: 'slow down please' });
      const error = await failureOf(backendFor().chat(hello));
      expect(error).toMatchObject({ type: 'RateLimited', isRetryable: true, status: 429, retryAfterMs: 1000, backendId: `test-${implementation.protocol}` });
      expect(error.message).toContain(`test-${implementation.protocol}`);
      expect(error.message).toContain('429');
      expect(error.message).toContain('slow down please');
    });

    it.each([500, 503] as const)('turns %i into a retryable ServerError', async (status) => {
      server.injectFailures({ status });
      const error = await failureOf(backendFor().chat(hello));
      expect(error).toMatchObject({ type: 'ServerError', isRetryable: true, status });
    });

    it('turns 400 into a non-retryable BadRequest', async () => {
      server.injectFailures({ status: 400, body: 'messages must not be empty' });
      const error = await failureOf(backendFor().chat(hello));
      expect(error).toMatchObject({ type: 'BadRequest', isRetryable: false, status: 400 });
      expect(error.message).toContain('messages must not be empty');
    });

    it('turns 401 into a non-retryable Unauthorized', async () => {
      server.injectFailures({ status: 401 });
      const error = await failureOf(backendFor().chat(hello));
      expect(error).toMatchObject({ type: 'Unauthorized', isRetryable: false, status: 401 });
    });

    it('turns an unknown model into a non-retryable NotFound naming the model', async () => {
      const error = await failureOf(backendFor().chat({ ...hello, model: 'no-such-model' }));
      expect(error).toMatchObject({ type: 'NotFound', isRetryable: false, status: 404 });
      expect(error.message).toContain('no-such-model');
    });

    it('turns no answer within timeoutMs into a retryable Timeout', async () => {
      server.hangNext();
      const error = await failureOf(backendFor({ timeoutMs: 300 }).chat(hello));
      expect(error).toMatchObject({ type: 'Timeout', isRetryable: true });
      expect(error.message).toContain('300 ms');
    });

    it('turns a server that is down into a retryable Unreachable naming the socket error', async () => {
      const error = await failureOf(backendFor({ baseUrl: implementation.baseUrl(await closedPortUrl()) }).chat(hello));
      expect(error).toMatchObject({ type: 'Unreachable', isRetryable: true });
      expect(error.message).toContain('ECONNREFUSED');
    });

    it('turns a connection reset while reading the answer into a retryable Unreachable', async () => {
      server.dropNext();
      const error = await failureOf(backendFor().chat(hello));
      expect(error).toMatchObject({ type: 'Unreachable', isRetryable: true });
      expect(chatRequests()).toHaveLength(1);
    });

    it('makes exactly one HTTP request per failed call, so only Temporal retries', async () => {
      server.injectFailures({ status: 503, count: 2 });
      server.injectFailures({ status: 429, count: 1 });
      server.hangNext();
      const backend = backendFor({ timeoutMs: 300 });
      for (const expected of ['ServerError', 'ServerError', 'RateLimited']) {
        const before = chatRequests().length;
        expect((await failureOf(backend.chat(hello))).type).toBe(expected);
        expect(chatRequests().length).toBe(before + 1);
      }
      expect((await failureOf(backend.chat(hello))).type).toBe('Timeout');
      expect(chatRequests()).toHaveLength(4);
      await expect(backend.chat(hello)).resolves.toMatchObject({ text: 'echo: hello there' });
    });

    it('turns an already aborted signal into a non-retryable Cancelled without calling the server', async () => {
      const error = await failureOf(backendFor().chat({ ...hello, signal: AbortSignal.abort() }));
      expect(error).toMatchObject({ type: 'Cancelled', isRetryable: false });
      expect(chatRequests()).toHaveLength(0);
    });

    it('turns an abort during the call into Cancelled, not Timeout', async () => {
      server.hangNext();
      const controller = new AbortController();
      const pending = failureOf(backendFor().chat({ ...hello, signal: controller.signal }));
      await until(() => chatRequests().length === 1);
      controller.abort();
      expect(await pending).toMatchObject({ type: 'Cancelled', isRetryable: false });
    });
  });
}

/**
 * The same contract for the embedded llama-cpp backend, with the real SmolLM2 model (no server, so no
 * HTTP statuses, keys or sockets: those cases have no counterpart; everything a caller relies on does).
 */
describe('llama-cpp backend contract (embedded, real SmolLM2)', () => {
  let backend: ReturnType<typeof createLlamaCppBackend>;
  let twoSlots: ReturnType<typeof createLlamaCppBackend>;
  const question: ChatRequest = { model: SMALL_CHAT_MODEL, messages: [{ role: 'user', content: 'What is the capital of France?' }], maxOutputTokens: 24 };
  const essay: ChatRequest = { model: SMALL_CHAT_MODEL, messages: [{ role: 'user', content: 'Write a very long essay on the history of the Roman Empire.' }], maxOutputTokens: 1500 };

  beforeAll(async () => {
    await ensureModel(SMALL_CHAT_MODEL);
    // One thread: the machine is shared, and more threads on busy cores is slower.
    backend = createLlamaCppBackend({ id: 'test-llama-cpp', timeoutMs: 60_000, llamaCpp: { threads: 1 } });
    twoSlots = createLlamaCppBackend({ id: 'test-llama-cpp-2', timeoutMs: 60_000, llamaCpp: { threads: 1, slots: 2 } });
  });
  afterAll(async () => {
    await backend?.dispose();
    await twoSlots?.dispose();
  });

  it('is what createBackend builds for protocol llama-cpp, identified by the connection id', () => {
    const built = createBackend({ id: 'edge-box', protocol: 'llama-cpp', baseUrl: '', timeoutMs: 1_000, llamaCpp: { threads: 1 } });
    expect(built.id).toBe('edge-box');
    expect(built.protocol).toBe('llama-cpp');
  });

  it('answers a chat with text, model, token usage and finish reason', async () => {
    const result = await backend.chat(question);
    expect(result.text).toMatch(/Paris/);
    expect(result.model).toBe(SMALL_CHAT_MODEL);
    expect(result.usage.inputTokens).toBeGreaterThan(5);
    expect(result.usage.outputTokens).toBeGreaterThan(0);
    expect(result.finishReason).toBe('stop');
    expect(result).not.toHaveProperty('logprobs');
  });

  it('answers greedily by default, so the same request gives the same answer', async () => {
    const [first, second] = [await backend.chat(question), await backend.chat(question)];
    expect(second.text).toBe(first.text);
  });

  it('reports finishReason "length" when cut by maxOutputTokens', async () => {
    const result = await backend.chat({ ...essay, maxOutputTokens: 3 });
    expect(result.usage.outputTokens).toBe(3);
    expect(result.finishReason).toBe('length');
  });

  it('returns the likeliest real tokens at each position when asked (topLogprobs), the chosen one first under greedy decoding', async () => {
    const result = await backend.chat({ ...question, logprobs: true, topLogprobs: 3 });
    expect(result.tokenLogprobs).toHaveLength(result.usage.outputTokens);
    for (const entry of result.tokenLogprobs!) {
      expect(entry.top).toHaveLength(3);
      const logprobs = entry.top!.map((alternative) => alternative.logprob);
      expect(logprobs).toEqual([...logprobs].sort((a, b) => b - a));
      expect(entry.top![0]!.token).toBe(entry.token);
    }
    // Real alternatives: somewhere the second choice had a real chance.
    expect(result.tokenLogprobs!.some((entry) => entry.top![1]!.logprob > -10)).toBe(true);
  });

  it('returns one real log-probability per answer token when asked', async () => {
    const result = await backend.chat({ ...question, logprobs: true });
    expect(result.logprobs).toHaveLength(result.usage.outputTokens);
    for (const logprob of result.logprobs!) expect(logprob).toBeLessThanOrEqual(0);
    // Not all certain: a real distribution, not a placeholder of zeros.
    expect(result.logprobs!.some((logprob) => logprob < -0.01)).toBe(true);
    const confidence = confidenceFromLogprobs(result.logprobs!);
    expect(confidence).toBeGreaterThan(0);
    expect(confidence).toBeLessThan(1);
  });

  it('constrains the answer to responseFormat\'s JSON Schema', async () => {
    const result = await backend.chat({ ...question, messages: [{ role: 'user', content: 'Is Paris in France? Answer in JSON.' }], responseFormat: verdictFormat, maxOutputTokens: 40 });
    expect(JSON.parse(result.text)).toEqual({ ok: expect.any(Boolean) });
  });

  it('runs two requests at once on two slots, each answering as it would alone', async () => {
    const alone = await twoSlots.chat(question);
    const other: ChatRequest = { ...question, messages: [{ role: 'user', content: 'Name a color.' }] };
    const [first, second] = await Promise.all([twoSlots.chat(question), twoSlots.chat(other)]);
    expect(first.text).toBe(alone.text);
    expect(second.text.length).toBeGreaterThan(0);
  });

  it('turns a model that is not pulled into a non-retryable NotFound naming the pull command', async () => {
    const error = await failureOf(backend.chat({ ...question, model: 'no-such-model:1b' }));
    expect(error).toMatchObject({ type: 'NotFound', isRetryable: false });
    expect(error.message).toContain('no-such-model:1b');
    const missingDir = createLlamaCppBackend({ id: 'empty', timeoutMs: 5_000, llamaCpp: { modelsDir: '/nonexistent/models' } });
    expect((await failureOf(missingDir.chat(question))).message).toContain(`switchyard models pull ${SMALL_CHAT_MODEL}`);
  });

  it('turns a file that is not a GGUF into a non-retryable BadRequest', async () => {
    const notGguf = createLlamaCppBackend({ id: 'broken', timeoutMs: 30_000, llamaCpp: { modelPath: 'package.json', threads: 1 } });
    expect(await failureOf(notGguf.chat(question))).toMatchObject({ type: 'BadRequest', isRetryable: false });
  });

  it('turns no answer within timeoutMs into a retryable Timeout and frees the slot', async () => {
    const hasty = createLlamaCppBackend({ id: 'hasty', timeoutMs: 300, llamaCpp: { threads: 1 } });
    try {
      await hasty.chat({ ...question, maxOutputTokens: 1 }).catch(() => undefined); // loads the model (may itself time out)
      const error = await failureOf(hasty.chat(essay));
      expect(error).toMatchObject({ type: 'Timeout', isRetryable: true });
      expect(error.message).toContain('300 ms');
    } finally {
      await hasty.dispose();
    }
    await expect(backend.chat(question)).resolves.toMatchObject({ finishReason: 'stop' });
  });

  it('turns an already aborted signal into a non-retryable Cancelled', async () => {
    expect(await failureOf(backend.chat({ ...question, signal: AbortSignal.abort() }))).toMatchObject({ type: 'Cancelled', isRetryable: false });
  });

  it('turns an abort during generation into Cancelled, not Timeout, and stops generating', async () => {
    const controller = new AbortController();
    const pending = failureOf(backend.chat({ ...essay, signal: controller.signal }));
    setTimeout(() => controller.abort(), 500);
    expect(await pending).toMatchObject({ type: 'Cancelled', isRetryable: false });
    // The slot is free again at once: the next request is served, not queued behind the essay.
    await expect(backend.chat(question)).resolves.toMatchObject({ finishReason: 'stop' });
  });
});
