/**
 * Fuzzed requests: malformed JSON, wrong types in every field, unknown fields, invalid UTF-8, huge
 * bodies, thousands of messages. Each gets a 4xx in OpenAI's error shape (never a 5xx), and the
 * gateway still answers a good request afterwards. Mutations come from a seeded generator, so a
 * failure reproduces.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSwitchyardCluster, type SwitchyardCluster } from '../harness/switchyard-cluster.js';
import { startTestGateway, type TestGateway } from './gateway-harness.js';
import { contractErrors } from './openapi-contract.js';

/** A small deterministic PRNG (mulberry32). */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let value = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    value = (value + Math.imul(value ^ (value >>> 7), 61 | value)) ^ value;
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

const valid = { model: 'auto', messages: [{ role: 'user', content: 'Hello there' }], max_tokens: 16, temperature: 0.5 };
const wrongValues: unknown[] = [null, 42, -1, 1e308, 'text', '', true, [], [1, 2], {}, { nested: { deep: [null] } }, '\u0000', 'x'.repeat(300)];
const fields = ['model', 'messages', 'max_tokens', 'temperature', 'top_p', 'stream', 'response_format', 'logprobs', 'user', 'n', 'stop', 'seed', 'max_completion_tokens', 'metadata', 'stream_options'];

/** Bodies that must each be refused: one field given a wrong-typed value, or an unknown field. */
function mutatedBodies(count: number, next: () => number): string[] {
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!;
  const bodies: string[] = [];
  while (bodies.length < count) {
    const body: Record<string, unknown> = structuredClone(valid);
    const roll = next();
    if (roll < 0.6) body[pick(fields)] = pick(wrongValues);
    else if (roll < 0.75) body[`unknown_${Math.floor(next() * 1000)}`] = pick(wrongValues);
    else if (roll < 0.9) body.messages = [{ role: pick(['user', 'system', 'tool', 'robot', 42, null]), content: pick(wrongValues) }];
    else body.messages = pick(wrongValues);
    // Some mutations happen to stay valid (e.g. stream: true); the property is "4xx for invalid", so skip those.
    if (stillValid(body)) continue;
    bodies.push(JSON.stringify(body));
  }
  return bodies;
}

function stillValid(body: Record<string, unknown>): boolean {
  const messages = body.messages as Array<{ role?: unknown; content?: unknown }> | undefined;
  return (
    Object.keys(body).every((key) => fields.includes(key)) &&
    body.model === 'auto' &&
    Array.isArray(messages) && messages.length > 0 &&
    messages.at(-1)?.role === 'user' && typeof messages.at(-1)?.content === 'string' && (messages.at(-1)!.content as string).trim() !== '' &&
    [body.max_tokens, body.max_completion_tokens].every((value) => value === undefined || value === null || (Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 1_000_000)) &&
    [body.temperature].every((value) => value === undefined || value === null || (typeof value === 'number' && value >= 0 && value <= 2)) &&
    [body.top_p].every((value) => value === undefined || value === null || (typeof value === 'number' && value >= 0 && value <= 1)) &&
    [body.stream, body.logprobs].every((value) => value === undefined || value === null || typeof value === 'boolean') &&
    (body.n === undefined || body.n === null || body.n === 1) &&
    (body.seed === undefined || body.seed === null || Number.isInteger(body.seed)) &&
    (body.user === undefined || (typeof body.user === 'string' && body.user.length <= 256)) &&
    (body.stop === undefined || body.stop === null || typeof body.stop === 'string' || (Array.isArray(body.stop) && body.stop.length <= 4 && body.stop.every((item) => typeof item === 'string'))) &&
    (body.metadata === undefined || body.metadata === null || (typeof body.metadata === 'object' && !Array.isArray(body.metadata) && Object.values(body.metadata).every((value) => typeof value === 'string'))) &&
    (body.stream_options === undefined || body.stream_options === null || (typeof body.stream_options === 'object' && !Array.isArray(body.stream_options) && Object.keys(body.stream_options as object).length === 0)) &&
    (body.response_format === undefined)
  );
}

describe('gateway under fuzzed requests', () => {
  let cluster: SwitchyardCluster;
  let gateway: TestGateway;
  let apiKey: string;
  const post = (body: RequestInit['body'], headers: Record<string, string> = {}) =>
    fetch(`${gateway.baseURL}/chat/completions`, { method: 'POST', headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json', ...headers }, body });

  beforeAll(async () => {
    cluster = await startSwitchyardCluster();
    gateway = await startTestGateway(cluster);
    apiKey = await gateway.createKey();
  });
  afterAll(async () => {
    await gateway?.close();
    await cluster?.close();
  });

  it('refuses 300 seeded wrong-type and unknown-field mutations with a 4xx in OpenAI shape', async () => {
    const statuses = new Map<number, number>();
    for (const body of mutatedBodies(300, random(11))) {
      const response = await post(body);
      const json = await response.json();
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      expect(response.status, body).toBeGreaterThanOrEqual(400);
      expect(response.status, body).toBeLessThan(500);
      expect(contractErrors('ErrorResponse', json), body).toEqual([]);
    }
    // Mostly 400s naming a field; a model name that is a string but no alias is a 404.
    expect([...statuses.keys()].sort()).toEqual([400, 404]);
  });

  it.each<[string, number, () => RequestInit['body']]>([
    ['truncated JSON', 400, () => '{"model":"auto","messages":[{"role":"us'],
    ['not JSON at all', 400, () => 'model=auto&messages=hi'],
    ['an empty body', 400, () => ''],
    ['a JSON array', 400, () => '[1,2,3]'],
    ['a JSON string', 400, () => '"hello"'],
    ['deeply nested JSON', 400, () => `${'['.repeat(5000)}${']'.repeat(5000)}`],
    ['invalid UTF-8', 400, () => Buffer.concat([Buffer.from('{"model":"auto","messages":[{"role":"user","content":"'), Buffer.from([0xc3, 0x28, 0xff, 0xfe]), Buffer.from('"}]}')])],
    ['a 5 MiB body', 413, () => JSON.stringify({ ...valid, messages: [{ role: 'user', content: 'x'.repeat(5 * 1024 * 1024) }] })],
    ['5000 messages', 400, () => JSON.stringify({ ...valid, messages: Array.from({ length: 5000 }, (_, index) => ({ role: index % 2 ? 'assistant' : 'user', content: `turn ${index}` })).concat([{ role: 'user', content: 'last' }]) })],
    ['300 000 characters in few messages', 400, () => JSON.stringify({ ...valid, messages: [{ role: 'user', content: 'word '.repeat(60_000) }] })],
  ])('answers %s with a %i', async (_label, status, body) => {
    const response = await post(body());
    expect(response.status).toBe(status);
    expect(contractErrors('ErrorResponse', await response.json())).toEqual([]);
  });

  it('stays healthy and still answers a good request after the fuzzing', async () => {
    expect((await fetch(`${gateway.url}/healthz`)).status).toBe(200);
    const response = await post(JSON.stringify(valid));
    expect(response.status).toBe(200);
    expect(((await response.json()) as { choices: Array<{ message: { content: string } }> }).choices[0]!.message.content).toBe('echo: Hello there');
  });
});
