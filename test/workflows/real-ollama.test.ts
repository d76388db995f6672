/**
 * The Ollama backend and one routed workflow against a REAL Ollama (the one `npm run setup:ollama`
 * builds into .tools/bin), serving SmolLM2 from the same GGUF the embedded backend uses. The test
 * starts that Ollama on a free port with its own model store and stops it afterwards. Without the
 * binary the suite is skipped, and the skip says how to enable it.
 */
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatRequest } from '../../backends/backend.js';
import { BackendError } from '../../backends/backend-error.js';
import { confidenceFromLogprobs } from '../../backends/confidence.js';
import { createOllamaBackend } from '../../backends/ollama-backend.js';
import { createOllamaEmbedder } from '../../knowledge/ollama-embedder.js';
import { parsePolicy } from '../../routing/policy-loader.js';
import { ollamaBinary, ollamaEmbeddingModel, ollamaModels, registerModels, startLocalOllama, type LocalOllama } from '../../scripts/setup-ollama-models.js';
import { ensureModel, SMALL_CHAT_MODEL } from '../backends/real-models.js';
import { freePort } from '../harness/free-port.js';
import { startSwitchyardCluster, type SwitchyardCluster } from '../harness/switchyard-cluster.js';

const skipReason = existsSync(ollamaBinary) ? undefined : `no Ollama at ${ollamaBinary}; run \`npm run setup:ollama\` (builds the pinned Ollama 0.17.4, about 15 min on 2 cores) to enable these tests`;

// Said plainly in the run's output, not only in the skipped suite's name.
if (skipReason) console.warn(`real-Ollama tests skipped: ${skipReason}`);

const question: ChatRequest = { model: SMALL_CHAT_MODEL, messages: [{ role: 'user', content: 'What is the capital of France?' }], maxOutputTokens: 24, temperature: 0 };

async function failureOf(promise: Promise<unknown>): Promise<BackendError> {
  const error = await promise.then(() => undefined, (rejection: unknown) => rejection);
  expect(error).toBeInstanceOf(BackendError);
  return error as BackendError;
}

describe.skipIf(skipReason !== undefined)(`real Ollama${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  let ollama: LocalOllama;
  let cluster: SwitchyardCluster | undefined;

  beforeAll(async () => {
    await ensureModel(SMALL_CHAT_MODEL);
    ollama = await startLocalOllama(await freePort());
    const present = await ollamaModels(ollama.url);
    if (!present.includes(SMALL_CHAT_MODEL) || !present.includes(ollamaEmbeddingModel)) await registerModels(ollama.url);
  });
  afterAll(async () => {
    await cluster?.close();
    await ollama?.stop();
  });

  describe('ollama backend contract on the real server', () => {
    const backend = () => createOllamaBackend({ id: 'real-ollama', protocol: 'ollama', baseUrl: ollama.url, timeoutMs: 60_000 });

    it('answers a chat with text, model, token usage and finish reason', async () => {
      const result = await backend().chat(question);
      expect(result.text).toMatch(/Paris/);
      expect(result.model).toBe(SMALL_CHAT_MODEL);
      expect(result.usage.inputTokens).toBeGreaterThan(5);
      expect(result.usage.outputTokens).toBeGreaterThan(0);
      expect(result.finishReason).toBe('stop');
    });

    it('reports finishReason "length" when cut by maxOutputTokens', async () => {
      const result = await backend().chat({ ...question, messages: [{ role: 'user', content: 'Write a long essay on the Roman Empire.' }], maxOutputTokens: 3 });
      expect(result.usage.outputTokens).toBe(3);
      expect(result.finishReason).toBe('length');
    });

    it('returns real per-token logprobs when asked', async () => {
      const result = await backend().chat({ ...question, logprobs: true });
      expect(result.logprobs!.length).toBeGreaterThan(0);
      for (const logprob of result.logprobs!) expect(logprob).toBeLessThanOrEqual(0);
      const confidence = confidenceFromLogprobs(result.logprobs!);
      expect(confidence).toBeGreaterThan(0);
      expect(confidence).toBeLessThan(1);
    });

    it('constrains the answer to a JSON Schema', async () => {
      const schema = { type: 'object', properties: { ok: { type: 'boolean' } }, required: ['ok'], additionalProperties: false };
      const result = await backend().chat({ ...question, messages: [{ role: 'user', content: 'Is Paris in France? Answer in JSON.' }], responseFormat: { name: 'verdict', schema }, maxOutputTokens: 40 });
      expect(JSON.parse(result.text)).toEqual({ ok: expect.any(Boolean) });
    });

    it('turns an unknown model into a non-retryable NotFound naming it', async () => {
      const error = await failureOf(backend().chat({ ...question, model: 'no-such-model:1b' }));
      expect(error).toMatchObject({ type: 'NotFound', isRetryable: false });
      expect(error.message).toContain('no-such-model');
    });

    it('turns an abort during generation into Cancelled', async () => {
      const controller = new AbortController();
      const pending = failureOf(backend().chat({ ...question, messages: [{ role: 'user', content: 'Write a long essay on the Roman Empire.' }], maxOutputTokens: 1500, signal: controller.signal }));
      setTimeout(() => controller.abort(), 500);
      expect(await pending).toMatchObject({ type: 'Cancelled', isRetryable: false });
    });

    it('embeds with all-MiniLM registered from the same wheel', async () => {
      const [statement, paraphrase, unrelated] = await createOllamaEmbedder({ host: ollama.url, model: ollamaEmbeddingModel }).embed(['Annual leave is 27 days per year.', 'How many holidays do I get each year?', 'Forklift drivers wear vests.']);
      const cosine = (a: number[], b: number[]) => a.reduce((sum, value, index) => sum + value * b[index]!, 0);
      expect(statement).toHaveLength(384);
      expect(cosine(statement!, paraphrase!)).toBeGreaterThan(cosine(statement!, unrelated!));
    });
  });

  it('runs a routed workflow end to end on the real Ollama, confidence from its token logprobs', async () => {
    cluster = await startSwitchyardCluster({
      models: ['double-large'],
      policy: ({ cloudUrl }) =>
        parsePolicy(
          `
format: 1
name: test-real-ollama
dataClasses:
  - { name: public, sensitive: false }
  - { name: restricted, sensitive: true, entities: [CREDIT_CARD, IBAN_CODE, US_SSN] }
defaultClass: public
backends:
  real-ollama: { kind: local, protocol: ollama, baseUrl: "${ollama.url}", pool: "ollama-${Math.random().toString(36).slice(2, 10)}", timeoutMs: 60000 }
  cloud-openai: { kind: cloud, protocol: openai-compatible, baseUrl: "${cloudUrl}", apiKeyEnv: TEST_CLOUD_KEY, pool: "openai-${Math.random().toString(36).slice(2, 10)}", timeoutMs: 5000 }
models:
  local-small: { backend: real-ollama, name: "${SMALL_CHAT_MODEL}", tier: small }
  cloud-frontier: { backend: cloud-openai, name: double-large, tier: frontier }
rules:
  - { name: sensitive-stays-local, when: { sensitive: true }, model: local-small }
default: { model: local-small }
timeouts: { classifyMs: 5000, scheduleToStartMs: 60000, inferenceMs: 90000 }
retry: { maximumAttempts: 2, initialIntervalMs: 200, backoffCoefficient: 2, maximumIntervalMs: 1000 }
confidence: { method: logprobs, thresholds: { default: 0.99 } }
escalation: { ladder: [local-small, cloud-frontier] }
`,
          'test-real-ollama.yaml',
        ),
    });
    const cloudBefore = cluster.cloudModels.chats().length;
    const { result } = await cluster.run({ prompt: 'My card 4111 1111 1111 1111 was charged twice. What should I do?', maxOutputTokens: 48 });
    expect(result.decision).toMatchObject({ backendKind: 'local', backend: 'real-ollama' });
    expect(result.answer?.trim().length).toBeGreaterThan(0);
    expect(result.answeredBy).toBe(SMALL_CHAT_MODEL);
    expect(result.confidenceMethod).toBe('logprobs');
    expect(result.confidence).toBeGreaterThan(0);
    expect(result.confidence).toBeLessThan(1);
    expect(cluster.cloudModels.chats()).toHaveLength(cloudBefore);
  });
});
