/**
 * The side channel's parts on their own: the worker's allow-list, the publisher's batching against a
 * real HTTP sink, and the gateway relay's rule of never splicing two attempts.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { StreamRelay } from '../../gateway/stream-relay.js';
import { StreamSlots } from '../../gateway/stream-slots.js';
import { DeltaPublisher } from '../../stream/delta-publisher.js';
import type { StreamMessage } from '../../stream/stream-messages.js';
import { allowsSink, parseStreamSinks } from '../../stream/stream-sinks.js';

describe('stream sink allow-list', () => {
  it('is empty by default and matches scheme, host and port exactly', () => {
    expect(parseStreamSinks(undefined).size).toBe(0);
    const sinks = parseStreamSinks(' http://gateway:8000/ , https://gw.example.org ');
    expect([...sinks]).toEqual(['http://gateway:8000', 'https://gw.example.org']);
    expect(allowsSink(sinks, 'http://gateway:8000/switchyard/stream/wf-1')).toBe(true);
    expect(allowsSink(sinks, 'http://gateway:8001/switchyard/stream/wf-1')).toBe(false);
    expect(allowsSink(sinks, 'https://gateway:8000/x')).toBe(false);
    expect(allowsSink(sinks, 'http://gateway:8000.evil.example/x')).toBe(false);
    expect(allowsSink(sinks, 'not a url')).toBe(false);
  });

  it('refuses a malformed or non-http entry at start-up', () => {
    expect(() => parseStreamSinks('gateway:8000')).toThrow(/http/);
    expect(() => parseStreamSinks('ftp://gateway')).toThrow(/http or https/);
  });
});

describe('delta publisher against a real HTTP sink', () => {
  let server: Server;
  let url: string;
  let status = 204;
  const posts: Array<{ authorization: string | undefined; messages: StreamMessage[] }> = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        posts.push({ authorization: req.headers.authorization, messages: (JSON.parse(body) as { messages: StreamMessage[] }).messages });
        res.writeHead(status).end(status === 204 ? undefined : '{"error":{"message":"no slot"}}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/switchyard/stream/wf-1`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    posts.length = 0;
    status = 204;
  });

  const facts = { backend: 'local-ollama', providerModel: 'double-small', taskQueue: 'q' };

  it('batches 40 pieces into a few ordered POSTs that start, carry every piece in sequence, and end', async () => {
    let batches = 0;
    const publisher = new DeltaPublisher({ url, token: 'token-123' }, '3.1', facts, { onBatch: () => batches++ });
    const pieces = Array.from({ length: 40 }, (_, index) => ` t${index}`);
    for (const piece of pieces) publisher.push(piece);
    await publisher.end('answered');

    const messages = posts.flatMap((post) => post.messages);
    expect(posts.length).toBeLessThan(5);
    expect(posts.every((post) => post.authorization === 'Bearer token-123')).toBe(true);
    expect(messages[0]).toEqual({ type: 'attempt-start', attempt: '3.1', facts });
    expect(messages.at(-1)).toEqual({ type: 'attempt-end', attempt: '3.1', outcome: 'answered' });
    const deltas = messages.filter((message) => message.type === 'delta');
    expect(deltas.map((delta) => delta.seq)).toEqual(deltas.map((_, index) => index));
    expect(deltas.map((delta) => delta.text).join('')).toBe(pieces.join(''));
    // At most 16 pieces per batch: 40 pieces are at least 3 batches, each one heartbeat.
    expect(deltas.length).toBeGreaterThanOrEqual(3);
    expect(batches).toBe(deltas.length);
  });

  it('stops at the first refused POST and sends nothing more, reporting the problem once', async () => {
    status = 404;
    const problems: string[] = [];
    const publisher = new DeltaPublisher({ url, token: 'token-123' }, '1.1', facts, { onProblem: (message) => problems.push(message), maxTokens: 1 });
    publisher.push('one');
    publisher.push('two');
    await publisher.end('answered');
    publisher.push('three');
    await publisher.end('answered');

    expect(posts).toHaveLength(1);
    expect(problems).toEqual([expect.stringContaining('HTTP 404')]);
    expect(publisher.failure).toContain('HTTP 404');
  });
});

describe('stream relay', () => {
  const start = (attempt: string): StreamMessage => ({ type: 'attempt-start', attempt, facts: { backend: 'b', providerModel: 'm', taskQueue: 'q', model: `alias-${attempt}` } });
  const delta = (attempt: string, seq: number, text: string): StreamMessage => ({ type: 'delta', attempt, seq, text });

  it('is invisible to a failed attempt before its first delta, and commits to the first attempt that delivers one', () => {
    const relay = new StreamRelay();
    relay.accept([start('1.1'), { type: 'attempt-end', attempt: '1.1', outcome: 'failed', error: 'HTTP 503' }]);
    relay.accept([start('1.2'), delta('1.2', 0, 'Hello'), delta('1.2', 1, ' world')]);
    expect(relay.forwarded).toBe('Hello world');
    expect(relay.facts?.model).toBe('alias-1.2');
    expect(relay.stopped).toBeUndefined();
  });

  it('never splices a second attempt onto the first, and stops at a gap or a failure of the committed attempt', async () => {
    const spliced = new StreamRelay();
    spliced.accept([start('1.1'), delta('1.1', 0, 'First'), start('2.1'), delta('2.1', 0, 'Second')]);
    expect(spliced.forwarded).toBe('First');
    expect(spliced.stopped).toBe('other-attempt');

    const gap = new StreamRelay();
    gap.accept([start('1.1'), delta('1.1', 0, 'a'), delta('1.1', 2, 'c')]);
    expect(gap.forwarded).toBe('a');
    expect(gap.stopped).toBe('gap');

    const failed = new StreamRelay();
    failed.accept([start('1.1'), delta('1.1', 0, 'a'), { type: 'attempt-end', attempt: '1.1', outcome: 'failed', error: 'connection reset' }]);
    const never = new Promise<void>(() => undefined);
    expect(await failed.next(never)).toEqual({ kind: 'text', text: 'a' });
    expect(await failed.next(never)).toEqual({ kind: 'attempt-failed', message: 'connection reset' });
  });
});

describe('stream slots', () => {
  it('opens none without a URL workers can reach, and forgets a slot after its time to live', async () => {
    expect(new StreamSlots(undefined).open('wf-off')).toBeUndefined();
    const slots = new StreamSlots('http://127.0.0.1:9/', 30);
    const slot = slots.open('wf-ttl')!;
    expect(slot.target.url).toBe('http://127.0.0.1:9/switchyard/stream/wf-ttl');
    expect(slots.deliver('wf-ttl', 'not-the-token', [])).toBe('bad-token');
    expect(slots.deliver('wf-ttl', slot.target.token, [])).toBeUndefined();
    for (let attempt = 0; attempt < 200 && slots.workflowIds().length > 0; attempt++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(slots.deliver('wf-ttl', slot.target.token, [])).toBe('unknown-slot');
  });
});
