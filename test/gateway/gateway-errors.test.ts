/**
 * Every refusal in OpenAI's error shape with the status the `openai` client maps to its error
 * classes: 400 naming the field, 401, 403, 404, 413, 429 with retry-after, 503 when Temporal is
 * unreachable or no control worker runs. Each body is checked against the pinned ErrorResponse schema.
 */
import { Client, Connection } from '@temporalio/client';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedPortUrl } from '../doubles/closed-port.js';
import { startSwitchyardCluster, testDataConverter, type SwitchyardCluster } from '../harness/switchyard-cluster.js';
import { startTestGateway, type TestGateway } from './gateway-harness.js';
import { contractErrors } from './openapi-contract.js';

async function apiError(promise: Promise<unknown>): Promise<InstanceType<typeof OpenAI.APIError>> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof OpenAI.APIError) return error;
    throw error;
  }
  throw new Error('expected the request to fail');
}

const ask = { model: 'auto', messages: [{ role: 'user' as const, content: 'Explain what a haiku is.' }] };

describe('gateway errors', () => {
  let cluster: SwitchyardCluster;
  let gateway: TestGateway;
  let openai: OpenAI;
  let apiKey: string;
  beforeAll(async () => {
    cluster = await startSwitchyardCluster();
    gateway = await startTestGateway(cluster);
    apiKey = await gateway.createKey({ allowedModels: ['auto', 'local-small'] });
    openai = new OpenAI({ baseURL: gateway.baseURL, apiKey, maxRetries: 0 });
  });
  afterAll(async () => {
    await gateway?.close();
    await cluster?.close();
  });

  it('401 without a key and with a wrong key', async () => {
    const missing = await fetch(`${gateway.baseURL}/chat/completions`, { method: 'POST', body: JSON.stringify(ask) });
    const wrong = await apiError(new OpenAI({ baseURL: gateway.baseURL, apiKey: `${apiKey.slice(0, -4)}AAAA`, maxRetries: 0 }).chat.completions.create(ask));

    expect(missing.status).toBe(401);
    const body = (await missing.json()) as { error: { code: string } };
    expect(body.error.code).toBe('missing_api_key');
    expect(contractErrors('ErrorResponse', body)).toEqual([]);
    expect(wrong).toBeInstanceOf(OpenAI.AuthenticationError);
    expect(wrong.code).toBe('invalid_api_key');
  });

  it('400 names the offending field', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...ask, temperature: 'hot' }, 'temperature'],
      [{ ...ask, messages: [{ role: 'user', content: 42 }] }, 'messages[0].content'],
      [{ ...ask, messages: [{ role: 'wizard', content: 'hi' }] }, 'messages[0].role'],
      [{ ...ask, messages: [{ role: 'user', content: 'hi' }, { role: 'assistant', content: 'hello' }] }, 'messages[1].role'],
      [{ ...ask, tools: [{ type: 'function', function: { name: 'f' } }] }, 'tools'],
      [{ ...ask, n: 3 }, 'n'],
      [{ ...ask, frobnicate: true }, 'frobnicate'],
      [{ messages: ask.messages }, 'model'],
      [{ ...ask, top_logprobs: 2 }, 'top_logprobs'],
      [{ ...ask, logprobs: true, top_logprobs: 21 }, 'top_logprobs'],
    ];
    for (const [body, param] of cases) {
      const error = await apiError(openai.chat.completions.create(body as never));
      expect(error, param).toBeInstanceOf(OpenAI.BadRequestError);
      expect(error.param, JSON.stringify(body)).toBe(param);
      expect(contractErrors('ErrorResponse', { error: error.error })).toEqual([]);
    }
  });

  it('403 for a model the key may not use, 404 for a model the policy does not know', async () => {
    const forbidden = await apiError(openai.chat.completions.create({ ...ask, model: 'cloud-fast' }));
    const unknown = await apiError(openai.chat.completions.create({ ...ask, model: 'gpt-17-ultra' }));

    expect(forbidden).toBeInstanceOf(OpenAI.PermissionDeniedError);
    expect(forbidden).toMatchObject({ code: 'model_not_allowed', param: 'model' });
    expect(unknown).toBeInstanceOf(OpenAI.NotFoundError);
    expect(unknown).toMatchObject({ code: 'model_not_found', param: 'model' });
  });

  it('400 naming the field for a response_format schema name OpenAI would refuse', async () => {
    const error = await apiError(openai.chat.completions.create({ ...ask, response_format: { type: 'json_schema', json_schema: { name: 'has spaces', schema: { type: 'object' } } } }));
    expect(error).toMatchObject({ status: 400, param: 'response_format.json_schema.name' });
  });

  it('413 for a body over the limit', async () => {
    const huge = JSON.stringify({ ...ask, messages: [{ role: 'user', content: 'a'.repeat(2 * 1024 * 1024) }] });
    const response = await fetch(`${gateway.baseURL}/chat/completions`, { method: 'POST', headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' }, body: huge });

    expect(response.status).toBe(413);
    expect(contractErrors('ErrorResponse', await response.json())).toEqual([]);
  });

  it('429 with retry-after once the requests-per-minute limit is reached', async () => {
    const limited = new OpenAI({ baseURL: gateway.baseURL, apiKey: await gateway.createKey({ requestsPerMinute: 1 }), maxRetries: 0 });
    await limited.chat.completions.create(ask);
    const error = await apiError(limited.chat.completions.create(ask));

    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    expect(error.code).toBe('rate_limit_exceeded');
    expect(Number(error.headers?.get('retry-after'))).toBeGreaterThan(0);
  });

  it('404 in OpenAI shape for an unknown URL, and for another application\'s task', async () => {
    const url = await fetch(`${gateway.baseURL}/completions`, { method: 'POST', headers: { authorization: `Bearer ${apiKey}` }, body: '{}' });
    const other = await fetch(`${gateway.baseURL}/switchyard/tasks/gateway-other-app-123`, { headers: { authorization: `Bearer ${apiKey}` } });

    expect(url.status).toBe(404);
    expect(contractErrors('ErrorResponse', await url.json())).toEqual([]);
    expect(other.status).toBe(404);
    expect(((await other.json()) as { error: { code: string } }).error.code).toBe('task_not_found');
  });

  it('503 when Temporal is unreachable, and the gateway keeps answering', async () => {
    const address = new URL(await closedPortUrl()).host;
    const connection = Connection.lazy({ address, connectTimeout: 1_000 });
    const unreachable = await startTestGateway({ client: new Client({ connection, dataConverter: testDataConverter }), policy: cluster.policy, controlQueue: cluster.controlQueue });
    try {
      const client = new OpenAI({ baseURL: unreachable.baseURL, apiKey: await unreachable.createKey(), maxRetries: 0 });
      const error = await apiError(client.chat.completions.create(ask));
      expect(error).toBeInstanceOf(OpenAI.InternalServerError);
      expect(error).toMatchObject({ status: 503, code: 'temporal_unavailable' });
      expect((await fetch(`${unreachable.url}/healthz`)).status).toBe(200);
    } finally {
      await unreachable.close();
    }
  });

  it('503 when no control worker polls the control queue', async () => {
    const idle = await startTestGateway({ client: cluster.client, policy: cluster.policy, controlQueue: 'switchyard-control-nobody-polls' });
    try {
      const client = new OpenAI({ baseURL: idle.baseURL, apiKey: await idle.createKey(), maxRetries: 0 });
      const error = await apiError(client.chat.completions.create(ask));
      expect(error).toMatchObject({ status: 503, code: 'no_control_worker' });
    } finally {
      await idle.close();
    }
  });
});
