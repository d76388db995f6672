/**
 * Confidence, escalation and fallback on the real dev server: low confidence climbs the policy's
 * ladder (cloud rungs only when the class permits), capacity loss and cloud errors fall back, and a
 * sensitive request never reaches the cloud on any path.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchAttributes } from '../../temporal/search-attributes.js';
import { reviewDetailsQuery, submitReviewUpdate } from '../../workflows/review-definitions.js';
import { scriptConfidence } from '../harness/scripted-confidence.js';
import { startSwitchyardCluster, type SwitchyardCluster } from '../harness/switchyard-cluster.js';
import { ESCALATION_MODELS, escalationPolicy } from '../harness/test-policy.js';

const CARD_PROMPT = 'Refund my card 4111 1111 1111 1111 please';

async function waitForReviewState(cluster: SwitchyardCluster, workflowId: string, state: string): Promise<void> {
  const handle = cluster.client.workflow.getHandle(workflowId);
  for (let attempt = 0; attempt < 100; attempt++) {
    if ((await handle.query(reviewDetailsQuery)).reviewState === state) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`review state never became ${state}`);
}

describe('escalation ladder', () => {
  let cluster: SwitchyardCluster;
  beforeAll(async () => {
    cluster = await startSwitchyardCluster({ models: ESCALATION_MODELS, policy: (targets) => escalationPolicy(targets) });
  });
  afterAll(async () => cluster?.close());

  it('climbs from the small to the large local model when the small one is unsure', async () => {
    scriptConfidence(cluster.localModels, { 'small-model': 0.3, 'large-model': 0.9 });
    const { handle, result } = await cluster.run({ prompt: 'What is our travel policy?' });

    expect(result.status).toBe('answered');
    expect(result.escalation).toBe('model');
    expect(result.answer).toBe('answer from large-model');
    expect(result.confidence).toBeCloseTo(0.9, 6);
    expect(result.confidenceMethod).toBe('logprobs');
    expect(result.attempts.map((attempt) => [attempt.model, attempt.rung])).toEqual([['local-small', 0], ['local-large', 1]]);
    expect(result.attempts[1]!.reason).toContain('below 0.7');
    expect((await handle.describe()).typedSearchAttributes.get(searchAttributes.escalation)).toBe('model');
  });

  it('goes on to the cloud frontier model for a public request when both local models are unsure', async () => {
    scriptConfidence(cluster.localModels, { 'small-model': 0.2, 'large-model': 0.4 });
    scriptConfidence(cluster.cloudModels, { 'frontier-model': 0.95 });
    const { result } = await cluster.run({ prompt: 'Explain quantum tunnelling simply.' });

    expect(result.attempts.map((attempt) => attempt.backendKind)).toEqual(['local', 'local', 'cloud']);
    expect(result.answer).toBe('answer from frontier-model');
    expect(result.costUsd).toBeGreaterThan(0);
  });

  it('skips the cloud rung for a sensitive request and sends it to human review instead', async () => {
    scriptConfidence(cluster.localModels, { 'small-model': 0.2, 'large-model': 0.4 });
    scriptConfidence(cluster.cloudModels, { 'frontier-model': 0.95 });
    const cloudBefore = cluster.cloudModels.chats().length;
    const handle = await cluster.start({ prompt: CARD_PROMPT });
    await waitForReviewState(cluster, handle.workflowId, 'pending');

    const details = await handle.query(reviewDetailsQuery);
    expect(details.escalationReason).toContain('cloud rungs cloud-frontier skipped for sensitive data');
    expect(details.attempts.map((attempt) => attempt.model)).toEqual(['local-small', 'local-large']);
    expect((await handle.describe()).typedSearchAttributes.get(searchAttributes.reviewState)).toBe('pending');

    await handle.executeUpdate(submitReviewUpdate, { args: [{ action: 'approve', reviewer: 'alice', comment: 'fine' }] });
    const result = await handle.result();
    expect(result.status).toBe('approved');
    expect(result.answer).toBe('answer from large-model');
    expect(result.review).toMatchObject({ action: 'approve', reviewer: 'alice', comment: 'fine' });
    expect(cluster.cloudModels.chats()).toHaveLength(cloudBefore);
  });
});

describe('capacity fallback when the local pool is down', () => {
  let cluster: SwitchyardCluster;
  beforeAll(async () => {
    cluster = await startSwitchyardCluster({
      models: ESCALATION_MODELS,
      withoutKinds: ['local'],
      policy: (targets) => escalationPolicy(targets, { localUnavailable: 'cloud', scheduleToStartMs: 1500, waitMs: 60000, threshold: 0 }),
    });
  });
  afterAll(async () => cluster?.close());

  it('sends a non-sensitive request to cloud when no local worker picks it up in time', async () => {
    const { result } = await cluster.run({ prompt: 'What is the boiling point of water?' });

    expect(result.escalation).toBe('fallback');
    expect(result.attempts[0]).toMatchObject({ model: 'local-small', backendKind: 'local', answer: null });
    expect(result.attempts[0]!.error).toMatch(/schedule.?to.?start|timeout/i);
    expect(result.attempts[1]).toMatchObject({ model: 'cloud-frontier', backendKind: 'cloud' });
    expect(result.attempts[1]!.reason).toContain('local pool unavailable → cloud cloud-frontier');
    expect(result.answer).toMatch(/^echo: /);
  });

  it('makes a sensitive request wait for the local pool instead of going to cloud, and finishes when it returns', async () => {
    const cloudBefore = cluster.cloudModels.chats().length;
    const handle = await cluster.start({ prompt: CARD_PROMPT });
    // Let the first schedule-to-start timeout pass, then bring the local pool back.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    await cluster.addInferenceWorkers('local');
    const result = await handle.result();

    expect(result.sensitive).toBe(true);
    expect(result.attempts.every((attempt) => attempt.backendKind === 'local')).toBe(true);
    expect(result.attempts.at(-1)!.reason).toContain('sensitive data never goes to cloud');
    expect(result.status).toBe('answered');
    expect(cluster.cloudModels.chats()).toHaveLength(cloudBefore);
  });
});

describe('cloud outage fallback', () => {
  let cluster: SwitchyardCluster;
  beforeAll(async () => {
    cluster = await startSwitchyardCluster({ models: ESCALATION_MODELS, policy: (targets) => escalationPolicy(targets, { threshold: 0.7, maximumAttempts: 3 }) });
  });
  afterAll(async () => cluster?.close());

  it.each([429, 500] as const)('falls back to the local cloudFailure model after Temporal retried a cloud %i', async (status) => {
    // The large model is unsure when first asked (so the climb reaches cloud), sure when asked again.
    let largeCalls = 0;
    cluster.localModels.script((call) => {
      const confidence = call.model === 'large-model' ? (++largeCalls === 1 ? 0.3 : 0.9) : 0.2;
      return { text: `answer from ${call.model}`, logprobs: [{ token: 'answer', logprob: Math.log(confidence) }] };
    });
    cluster.cloudModels.injectFailures({ status, count: 3 });
    const cloudBefore = cluster.cloudModels.chats().length;
    const { result } = await cluster.run({ prompt: 'Explain the birthday paradox.' });

    // Three cloud attempts (Temporal's retries; the SDK's own retries are off), then local-large again.
    expect(cluster.cloudModels.chats().length - cloudBefore).toBe(3);
    const cloudAttempt = result.attempts.find((attempt) => attempt.backendKind === 'cloud')!;
    expect(cloudAttempt.answer).toBeNull();
    expect(result.attempts.at(-1)!.reason).toContain('cloud cloud-frontier failed after retries');
    expect(result.attempts.at(-1)!.model).toBe('local-large');
    expect(result.answer).toBe('answer from large-model');
  });
});
