/**
 * Per-key rate limits and budgets under 32 concurrent clients, on the real dev server: requests per
 * minute admit exactly the limit; tokens per minute and USD budgets pass their limit by at most one
 * request's worth; the limits hold across a gateway restart on the same store.
 */
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewApplicationKey } from '../../gateway/api-keys.js';
import { startSwitchyardCluster, type SwitchyardCluster } from '../harness/switchyard-cluster.js';
import { startTestGateway, type TestGateway } from './gateway-harness.js';

const CLIENTS = 32;

interface Outcome {
  ok: boolean;
  code?: string | null | undefined;
  retryAfter?: string | null | undefined;
  tokens: number;
  costUsd: number;
}

/** 32 clients, each with its own `openai` instance, send one request at the same moment. */
async function burst(gateway: TestGateway, apiKey: string): Promise<Outcome[]> {
  const clients = Array.from({ length: CLIENTS }, () => new OpenAI({ baseURL: gateway.baseURL, apiKey, maxRetries: 0 }));
  return Promise.all(
    clients.map(async (client, index) => {
      try {
        const completion = await client.chat.completions.create({ model: 'auto', max_tokens: 8, messages: [{ role: 'user', content: `Question ${index}: explain recursion in one short sentence` }] });
        return { ok: true, tokens: completion.usage!.total_tokens, costUsd: (completion as unknown as { switchyard: { cost_usd: number } }).switchyard.cost_usd };
      } catch (error) {
        if (!(error instanceof OpenAI.RateLimitError)) throw error;
        return { ok: false, code: error.code, retryAfter: error.headers?.get('retry-after'), tokens: 0, costUsd: 0 };
      }
    }),
  );
}

describe('gateway limits under 32 concurrent clients', () => {
  let cluster: SwitchyardCluster;
  let gateway: TestGateway;
  const key = async (settings: Partial<NewApplicationKey>) => {
    const apiKey = await gateway.createKey(settings);
    const [, keyId] = apiKey.split('_');
    return { apiKey, stored: gateway.keys.list().find((entry) => entry.keyId === keyId)! };
  };
  beforeAll(async () => {
    cluster = await startSwitchyardCluster();
    gateway = await startTestGateway(cluster);
  });
  afterAll(async () => {
    await gateway?.close();
    await cluster?.close();
  });

  it('admits exactly the requests-per-minute limit; the rest get 429 with retry-after, also after a restart', async () => {
    const { apiKey } = await key({ requestsPerMinute: 10 });
    const outcomes = await burst(gateway, apiKey);

    expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(10);
    const refused = outcomes.filter((outcome) => !outcome.ok);
    expect(refused).toHaveLength(22);
    for (const outcome of refused) {
      expect(outcome.code).toBe('rate_limit_exceeded');
      expect(Number(outcome.retryAfter)).toBeGreaterThan(0);
    }

    // A restart on the same store keeps the window: the limit still holds.
    await gateway.close();
    gateway = await startTestGateway({ ...cluster, storeFile: gateway.storeFile });
    const again = await burst(gateway, apiKey);
    expect(again.filter((outcome) => outcome.ok)).toHaveLength(0);
  });

  it('passes a tokens-per-minute limit by at most one request', async () => {
    const limit = 150;
    const { apiKey, stored } = await key({ tokensPerMinute: limit });
    const outcomes = await burst(gateway, apiKey);
    const admitted = outcomes.filter((outcome) => outcome.ok);
    const used = gateway.ledger.summary(stored).tokensLastMinute;

    expect(admitted.length).toBeGreaterThan(0);
    expect(outcomes.some((outcome) => outcome.code === 'tokens_per_minute_exceeded')).toBe(true);
    expect(used).toBe(admitted.reduce((sum, outcome) => sum + outcome.tokens, 0));
    expect(used).toBeLessThanOrEqual(limit + Math.max(...admitted.map((outcome) => outcome.tokens)));
  });

  it('passes a USD budget by at most one request, priced from the policy', async () => {
    const budgetUsd = 0.0002;
    const { apiKey, stored } = await key({ budgetUsd, budgetPeriod: 'day' });
    const outcomes = await burst(gateway, apiKey);
    const admitted = outcomes.filter((outcome) => outcome.ok);
    const spent = gateway.ledger.summary(stored).costUsdThisPeriod;

    expect(admitted.length).toBeGreaterThan(0);
    expect(admitted.every((outcome) => outcome.costUsd > 0)).toBe(true);
    expect(outcomes.some((outcome) => outcome.code === 'insufficient_quota')).toBe(true);
    expect(spent).toBeCloseTo(admitted.reduce((sum, outcome) => sum + outcome.costUsd, 0), 12);
    expect(spent).toBeLessThanOrEqual(budgetUsd + Math.max(...admitted.map((outcome) => outcome.costUsd)));
  });
});
