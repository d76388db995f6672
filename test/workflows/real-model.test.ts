/**
 * One routed workflow end to end on a real model: the real Temporal dev server, the real workers,
 * and the embedded llama-cpp backend running SmolLM2-135M in the local worker (1 thread: the machine
 * is shared). The cloud side is the OpenAI-wire double, so escalation has somewhere to go.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePolicy } from '../../routing/policy-loader.js';
import { startSwitchyardCluster, type SwitchyardCluster } from '../harness/switchyard-cluster.js';
import { ensureModel, SMALL_CHAT_MODEL } from '../backends/real-models.js';

const CARD = '4111 1111 1111 1111';

/** Local rung: SmolLM2 embedded; cloud rung: the double. Threshold set per cluster. */
function realModelPolicy(cloudUrl: string, threshold: number) {
  const suffix = Math.random().toString(36).slice(2, 10);
  return parsePolicy(
    `
format: 1
name: test-real-model
dataClasses:
  - { name: public, sensitive: false }
  - { name: restricted, sensitive: true, entities: [CREDIT_CARD, IBAN_CODE, US_SSN] }
defaultClass: public
backends:
  embedded: { kind: local, protocol: llama-cpp, pool: "embedded-${suffix}", timeoutMs: 60000, llamaCpp: { threads: 1, slots: 1 } }
  cloud-openai: { kind: cloud, protocol: openai-compatible, baseUrl: "${cloudUrl}", apiKeyEnv: TEST_CLOUD_KEY, pool: "openai-${suffix}", timeoutMs: 5000 }
models:
  local-small: { backend: embedded, name: "${SMALL_CHAT_MODEL}", tier: small }
  cloud-frontier: { backend: cloud-openai, name: double-large, tier: frontier, price: { inputPerMillionTokens: 5, outputPerMillionTokens: 15 } }
rules:
  - { name: sensitive-stays-local, when: { sensitive: true }, model: local-small }
default: { model: local-small }
timeouts: { classifyMs: 5000, scheduleToStartMs: 60000, inferenceMs: 90000 }
retry: { maximumAttempts: 2, initialIntervalMs: 200, backoffCoefficient: 2, maximumIntervalMs: 1000 }
confidence: { method: logprobs, thresholds: { default: ${threshold} } }
escalation: { ladder: [local-small, cloud-frontier] }
`,
    'test-real-model.yaml',
  );
}

describe('routed workflow on the embedded backend with the real SmolLM2', () => {
  let cluster: SwitchyardCluster;

  beforeAll(async () => {
    await ensureModel(SMALL_CHAT_MODEL);
    // Threshold 0.99: no real answer of a 135M model is that sure, so public requests climb to the cloud rung.
    cluster = await startSwitchyardCluster({ policy: ({ cloudUrl }) => realModelPolicy(cloudUrl, 0.99), models: ['double-large'] });
  });
  afterAll(async () => {
    await cluster?.close();
  });

  it('answers a restricted request locally with SmolLM2, confidence from its token probabilities', async () => {
    const cloudBefore = cluster.cloudModels.chats().length;
    const { result } = await cluster.run({ prompt: `My card ${CARD} was charged twice. What should I do?`, maxOutputTokens: 48 });

    expect(result.dataClass).toBe('restricted');
    expect(result.decision).toMatchObject({ backendKind: 'local', backend: 'embedded', model: 'local-small' });
    expect(result.answer?.trim().length).toBeGreaterThan(0);
    expect(result.answeredBy).toBe(SMALL_CHAT_MODEL);
    expect(result.confidenceMethod).toBe('logprobs');
    // A real distribution: strictly between 0 and 1 (a double or a missing logprob would give 1 or null).
    expect(result.confidence).toBeGreaterThan(0);
    expect(result.confidence).toBeLessThan(1);
    expect(result.usage!.outputTokens).toBeGreaterThan(0);
    // Sensitive: below the threshold, but the cloud rung is skipped; the best local answer comes back flagged.
    expect(result.status).toBe('answered-low-confidence');
    expect(cluster.cloudModels.chats()).toHaveLength(cloudBefore);
  });

  it('climbs the ladder to the cloud rung on the real model\'s low confidence for a public request', async () => {
    const { result } = await cluster.run({ prompt: 'Explain in two sentences why the sky is blue.', maxOutputTokens: 48 });

    expect(result.attempts[0]).toMatchObject({ model: 'local-small' });
    expect(result.attempts[0]!.confidence).toBeGreaterThan(0);
    expect(result.attempts[0]!.confidence).toBeLessThan(0.99);
    expect(result.escalation).toBe('model');
    expect(result.answeredBy).toBe('double-large');
  });
});
