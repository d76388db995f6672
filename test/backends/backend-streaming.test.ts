/**
 * Streaming backends (`onDelta`): the pieces arrive while the answer is generated and join to the
 * same ChatResult the non-streaming call gives, over the real `ollama` and `openai` clients against
 * the model-server double, and with the embedded llama.cpp model.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { BackendProtocol, ChatBackend, ChatRequest } from '../../backends/backend.js';
import { BackendError } from '../../backends/backend-error.js';
import { createBackend } from '../../backends/create-backend.js';
import { createLlamaCppBackend } from '../../backends/llama-cpp-backend.js';
import { startModelServer, type ModelServer } from '../doubles/model-server.js';
import { ensureModel, SMALL_CHAT_MODEL } from './real-models.js';

const protocols: Array<{ protocol: BackendProtocol; baseUrl: (url: string) => string; anyJson: unknown; formatField: (body: unknown) => unknown }> = [
  { protocol: 'ollama', baseUrl: (url) => url, anyJson: 'json', formatField: (body) => (body as { format?: unknown }).format },
  { protocol: 'openai-compatible', baseUrl: (url) => `${url}/v1`, anyJson: { type: 'json_object' }, formatField: (body) => (body as { response_format?: unknown }).response_format },
];

const hello: ChatRequest = { model: 'double-small', messages: [{ role: 'user', content: 'hello there' }] };

for (const { protocol, baseUrl, anyJson, formatField } of protocols) {
  describe(`${protocol} backend streaming`, () => {
    let server: ModelServer;
    let backend: ChatBackend;
    beforeAll(async () => {
      server = await startModelServer();
      backend = createBackend({ id: `stream-${protocol}`, protocol, baseUrl: baseUrl(server.url), timeoutMs: 5_000 });
    });
    afterAll(async () => {
      await server.close();
    });
    beforeEach(() => server.reset());

    it('hands on each piece as it arrives and returns the same result as a whole answer', async () => {
      server.script(['one two three four', 'one two three four']);
      const whole = await backend.chat(hello);
      const pieces: string[] = [];
      const streamed = await backend.chat({ ...hello, onDelta: (text) => pieces.push(text) });

      expect(pieces).toEqual(['one', ' two', ' three', ' four']);
      expect(streamed).toEqual(whole);
      expect(server.chats().map((request) => request.stream)).toEqual([false, true]);
    });

    it('delivers the first pieces while the server still holds the rest of the answer', async () => {
      const pieces: string[] = [];
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      // Write 0 is OpenAI's role chunk or Ollama's first token; hold the stream after three pieces.
      server.gateStream((write) => (write === 3 ? held : undefined));
      server.script('alpha beta gamma delta epsilon');
      const answer = backend.chat({ ...hello, onDelta: (text) => pieces.push(text) });
      await until(() => pieces.length >= 2);
      const before = pieces.join('');
      release();
      const result = await answer;

      expect(result.text).toBe('alpha beta gamma delta epsilon');
      expect(result.text.startsWith(before)).toBe(true);
      expect(before.length).toBeLessThan(result.text.length);
    });

    it('streams token log-probabilities with their tokens when asked', async () => {
      server.script({ text: 'sure maybe', logprobs: [{ token: 'sure', logprob: -0.1 }, { token: ' maybe', logprob: -2.3 }] });
      const result = await backend.chat({ ...hello, logprobs: true, onDelta: () => undefined });
      expect(result.logprobs).toEqual([-0.1, -2.3]);
      expect(result.tokenLogprobs).toEqual([{ token: 'sure', logprob: -0.1 }, { token: ' maybe', logprob: -2.3 }]);
    });

    it('streams the likeliest tokens at each position too when asked (topLogprobs)', async () => {
      server.script({ text: 'sure maybe', logprobs: [{ token: 'sure', logprob: -0.1 }, { token: ' maybe', logprob: -2.3 }] });
      const result = await backend.chat({ ...hello, logprobs: true, topLogprobs: 2, onDelta: () => undefined });
      expect(result.tokenLogprobs!.map((entry) => entry.top?.map((alternative) => alternative.token))).toEqual([['sure', 'sure~1'], [' maybe', ' maybe~1']]);
    });

    it('turns a connection dropped mid-answer into a retryable BackendError, after the first pieces', async () => {
      const pieces: string[] = [];
      // The server dies once the client has read a piece: the failure comes mid-answer, not before it.
      server.gateStream(async (write) => {
        if (write !== 3) return;
        await until(() => pieces.length > 0);
        throw new Error('server died');
      });
      server.script('alpha beta gamma delta epsilon');
      const error = await backend.chat({ ...hello, onDelta: (text) => pieces.push(text) }).then(
        () => undefined,
        (rejection: unknown) => rejection,
      );
      expect(error).toBeInstanceOf(BackendError);
      expect(error).toMatchObject({ isRetryable: true });
      expect(pieces.length).toBeGreaterThan(0);
    });

    it('asks for any JSON object when responseFormat has no schema', async () => {
      server.script('{"ok": true}');
      const result = await backend.chat({ ...hello, responseFormat: { name: 'json_object' } });
      expect(result.text).toBe('{"ok": true}');
      expect(formatField(server.chats()[0]?.body)).toEqual(anyJson);
    });
  });
}

describe('llama-cpp backend streaming (embedded, real SmolLM2)', () => {
  let backend: ReturnType<typeof createLlamaCppBackend>;
  beforeAll(async () => {
    await ensureModel(SMALL_CHAT_MODEL);
    backend = createLlamaCppBackend({ id: 'stream-llama-cpp', timeoutMs: 60_000, llamaCpp: { threads: 1 } });
  });
  afterAll(async () => {
    await backend?.dispose();
  });

  it('hands on the text token by token; the pieces join to the answer, and logprobs name their tokens', async () => {
    const pieces: string[] = [];
    const result = await backend.chat({ model: SMALL_CHAT_MODEL, messages: [{ role: 'user', content: 'What is the capital of France?' }], maxOutputTokens: 12, logprobs: true, onDelta: (text) => pieces.push(text) });
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.join('')).toBe(result.text);
    expect(result.tokenLogprobs).toHaveLength(result.usage.outputTokens);
    expect(result.tokenLogprobs!.map((entry) => entry.token).join('')).toBe(result.text);
  });

  it('streams, piece by piece, exactly the text of the same answer given whole (emoji split across byte tokens included)', async () => {
    // Greedy decoding: the same prompt gives the same tokens twice; the streamed pieces are
    // detokenized a few tokens at a time, the whole answer at once, and the two must agree.
    const request = { model: SMALL_CHAT_MODEL, messages: [{ role: 'user' as const, content: 'Répète exactement : « 🎉🚀🌍 東京タワー — café à Genève ». Puis écris une phrase.' }], maxOutputTokens: 48 };
    const whole = await backend.chat(request);
    const pieces: string[] = [];
    const streamed = await backend.chat({ ...request, onDelta: (text) => pieces.push(text) });
    expect(whole.usage.outputTokens).toBeGreaterThan(20);
    expect([...whole.text].some((character) => character.codePointAt(0)! > 0xffff)).toBe(true);
    expect(pieces.length).toBeGreaterThan(10);
    expect(pieces.join('')).toBe(whole.text);
    expect(streamed.text).toBe(whole.text);
  });
});

async function until(condition: () => boolean): Promise<void> {
  for (let attempt = 0; attempt < 500 && !condition(); attempt++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(condition()).toBe(true);
}
