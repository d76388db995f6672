/**
 * Live streaming (decision 0017) with the official `openai` client and LangChain's ChatOpenAI,
 * unchanged apart from base URL and key, on the real dev server: tokens reach the client while the
 * workflow still runs (the double holds the rest of the answer, the test asks Temporal), fallback
 * before the first token is invisible, a failure after it ends the stream with an error naming the
 * workflow, an answer that changes after it (escalation, review) ends the stream `stream_diverged`
 * rather than splicing two answers, and every chunk matches OpenAI's published schema.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ChatOpenAI } from '@langchain/openai';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { reviewDetailsQuery } from '../../workflows/review-definitions.js';
import type { RoutedTaskResult } from '../../workflows/routed-task-types.js';
import { startSwitchyardCluster, type ClusterOptions, type SwitchyardCluster } from '../harness/switchyard-cluster.js';
import { ESCALATION_MODELS, escalationPolicy } from '../harness/test-policy.js';
import { startTestGateway, type TestGateway } from './gateway-harness.js';
import { contractErrors } from './openapi-contract.js';

const ANSWER = 'Warm ochre suits a kitchen wall well';

/** An HTTP server that records every request: a stream sink that is not the gateway. */
interface RecordingSink {
  url: string;
  received: Array<{ headers: IncomingHttpHeaders; body: string }>;
  close(): Promise<void>;
}

async function startRecordingSink(): Promise<RecordingSink> {
  const received: RecordingSink['received'] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Streams a request to its end, pushing the content pieces to `contents`; the error it ended with (if any), the workflow id and status. */
async function streamUntilEnd(openai: OpenAI, contents: string[]) {
  const { data: stream, response } = await openai.chat.completions.create({ model: 'auto', stream: true, messages: [{ role: 'user', content: 'Suggest a colour for a kitchen wall.' }] }).withResponse();
  const workflowId = response.headers.get('x-switchyard-workflow-id')!;
  const error = await (async () => {
    for await (const chunk of stream) if (chunk.choices[0]?.delta.content) contents.push(chunk.choices[0].delta.content);
  })().then(
    () => undefined,
    (rejection: unknown) => rejection,
  );
  return { error, workflowId, status: response.headers.get('x-switchyard-status') };
}

/** A cluster whose inference workers stream to its gateway. */
interface StreamingCluster {
  cluster: SwitchyardCluster;
  gateway: TestGateway;
  close(): Promise<void>;
}

/**
 * The usual cluster and a gateway with stream slots; its inference workers start once the gateway's
 * URL is known, with SWITCHYARD_STREAM_SINKS listing it and `extraSinks`.
 */
async function startStreamingCluster(options: ClusterOptions = {}, extraSinks: string[] = []): Promise<StreamingCluster> {
  const cluster = await startSwitchyardCluster({ ...options, withoutKinds: ['local', 'cloud'] });
  const gateway = await startTestGateway({ ...cluster, streams: true });
  const env = { SWITCHYARD_STREAM_SINKS: [gateway.url, ...extraSinks].join(',') };
  await cluster.addInferenceWorkers('local', env);
  await cluster.addInferenceWorkers('cloud', env);
  return {
    cluster,
    gateway,
    async close() {
      await cluster.close();
      await gateway.close();
    },
  };
}

describe('live streaming through the gateway', () => {
  let deployment: StreamingCluster;
  let openai: OpenAI;
  let apiKey: string;
  let allowedSink: RecordingSink;
  let otherSink: RecordingSink;
  beforeAll(async () => {
    allowedSink = await startRecordingSink();
    otherSink = await startRecordingSink();
    // The workers list the gateway and `allowedSink`; `otherSink` is nowhere on their list.
    deployment = await startStreamingCluster({}, [allowedSink.url]);
    apiKey = await deployment.gateway.createKey({ application: 'streamer' });
    openai = new OpenAI({ baseURL: deployment.gateway.baseURL, apiKey, maxRetries: 0 });
  });
  afterAll(async () => {
    await deployment?.close();
    await allowedSink?.close();
    await otherSink?.close();
  });
  beforeEach(() => {
    deployment.cluster.cloudModels.reset();
    deployment.cluster.localModels.reset();
  });

  /** Holds the double's answer after its fourth write until `release()`; write 2 waits until the client saw a piece, so pieces arrive in separate batches. */
  function holdAnswer(seen: () => number) {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    deployment.cluster.cloudModels.gateStream(async (write) => {
      if (write === 2) await until(() => seen() >= 1);
      if (write === 4) await held;
    });
    deployment.cluster.cloudModels.script(ANSWER);
    return release;
  }

  it('delivers more than one content chunk while the workflow is still running, then the rest, finish and usage', async () => {
    const contents: string[] = [];
    const release = holdAnswer(() => contents.length);
    const { data: stream, response } = await openai.chat.completions.create({ model: 'auto', stream: true, stream_options: { include_usage: true }, messages: [{ role: 'user', content: 'Suggest a colour for a kitchen wall.' }] }).withResponse();
    const workflowId = response.headers.get('x-switchyard-workflow-id')!;
    const chunks: OpenAI.Chat.Completions.ChatCompletionChunk[] = [];
    const reading = (async () => {
      for await (const chunk of stream) {
        chunks.push(chunk);
        const content = chunk.choices[0]?.delta.content;
        if (content) contents.push(content);
      }
    })();
    await until(() => contents.length >= 2);
    // Tokens flowed early: the client holds two pieces while Temporal still runs the task.
    const running = await deployment.cluster.client.workflow.getHandle(workflowId).describe();
    expect(running.status.name).toBe('RUNNING');
    release();
    await reading;

    expect(contents.join('')).toBe(ANSWER);
    expect(response.headers.get('x-switchyard-status')).toBe('streaming');
    expect(response.headers.get('x-switchyard-data-class')).toBe('public');
    expect(response.headers.get('x-switchyard-route')).toMatch(/^cloud switchyard-cloud-/);
    expect(response.headers.get('x-switchyard-model')).toBe('cloud-fast');
    expect(chunks.at(-2)!.choices[0]!.finish_reason).toBe('stop');
    expect(chunks.at(-1)!.choices).toEqual([]);
    expect(chunks.at(-1)!.usage!.completion_tokens).toBeGreaterThan(0);
    for (const chunk of chunks) expect(contractErrors('CreateChatCompletionStreamResponse', chunk)).toEqual([]);
    // History holds the final answer once, not a delta per piece.
    const result = await deployment.cluster.client.workflow.getHandle(workflowId).result();
    expect(result.answer).toBe(ANSWER);
    expect(deployment.gateway.streams!.workflowIds()).not.toContain(workflowId);
  });

  it('streams live to LangChain ChatOpenAI: chunks arrive while the workflow runs and add up to the answer', async () => {
    const chat = new ChatOpenAI({ model: 'auto', apiKey, configuration: { baseURL: deployment.gateway.baseURL }, maxRetries: 0 });
    const pieces: string[] = [];
    const release = holdAnswer(() => pieces.filter(Boolean).length);
    const reading = (async () => {
      for await (const chunk of await chat.stream('Suggest a colour for a kitchen wall.')) pieces.push(chunk.content as string);
    })();
    await until(() => pieces.filter(Boolean).length >= 2);
    const [workflowId] = deployment.gateway.streams!.workflowIds();
    expect((await deployment.cluster.client.workflow.getHandle(workflowId!).describe()).status.name).toBe('RUNNING');
    release();
    await reading;
    expect(pieces.join('')).toBe(ANSWER);
  });

  it('hides a failed attempt before the first token: the retry streams, the client sees one clean answer', async () => {
    deployment.cluster.cloudModels.injectFailures({ status: 503, count: 1 });
    deployment.cluster.cloudModels.setTokenLatency(20);
    deployment.cluster.cloudModels.script([ANSWER, ANSWER]);
    const { data: stream, response } = await openai.chat.completions.create({ model: 'auto', stream: true, messages: [{ role: 'user', content: 'Suggest a colour for a kitchen wall.' }] }).withResponse();
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';

    expect(text).toBe(ANSWER);
    expect(response.headers.get('x-switchyard-status')).toBe('streaming');
    expect(deployment.cluster.cloudModels.chats()).toHaveLength(2);
  });

  it('ends the stream with an error chunk naming the workflow when the model fails after the first token', async () => {
    const contents: string[] = [];
    let failed = false;
    deployment.cluster.cloudModels.gateStream(async (write) => {
      if (failed || write !== 3) return;
      await until(() => contents.length >= 1);
      failed = true;
      throw new Error('the model server died mid-answer');
    });
    deployment.cluster.cloudModels.script([ANSWER, 'A different answer from the retry']);
    const { error, workflowId } = await streamUntilEnd(openai, contents);

    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect((error as Error).message).toContain(workflowId);
    expect(contents.length).toBeGreaterThan(0);
    // Never spliced: what was shown is the start of the first attempt's answer only.
    expect(ANSWER.startsWith(contents.join(''))).toBe(true);
    // The workflow went on: Temporal retried the activity and the task answered.
    const result = await deployment.cluster.client.workflow.getHandle(workflowId).result();
    expect(result.answer).toBe('A different answer from the retry');
  });

  it('sends deltas only to allow-listed sinks: a sensitive local answer named for another URL goes nowhere', async () => {
    const token = 'a-one-time-token-for-this-test-0001';
    const prompt = 'My card 4111 1111 1111 1111 was charged twice; what now?';
    deployment.cluster.localModels.script(['Dispute the charge with your bank.', 'Dispute the charge with your bank.']);
    const elsewhere = await deployment.cluster.run({ prompt, stream: { url: `${otherSink.url}/collect`, token } });
    const listed = await deployment.cluster.run({ prompt, stream: { url: `${allowedSink.url}/collect`, token } });

    expect(elsewhere.result.answer).toBe('Dispute the charge with your bank.');
    expect(elsewhere.result.decision.backendKind).toBe('local');
    expect(otherSink.received).toEqual([]);
    // The control: the same request to an allow-listed sink streams there, with the token, attempt start and end.
    expect(listed.result.answer).toBe(elsewhere.result.answer);
    expect(allowedSink.received.length).toBeGreaterThan(0);
    expect(allowedSink.received.every((request) => request.headers.authorization === `Bearer ${token}`)).toBe(true);
    const messages = allowedSink.received.flatMap((request) => (JSON.parse(request.body) as { messages: Array<{ type: string; text?: string; facts?: object }> }).messages);
    expect(messages[0]).toMatchObject({ type: 'attempt-start', facts: { model: 'local-small', backendKind: 'local', dataClass: 'restricted' } });
    expect(messages.at(-1)).toMatchObject({ type: 'attempt-end', outcome: 'answered' });
    expect(messages.filter((message) => message.type === 'delta').map((message) => message.text).join('')).toBe(listed.result.answer);
  });

  it('refuses a delta batch with a wrong token (403), for an unknown slot (404), without a token (401), malformed (400) or too large (413)', async () => {
    const slots = deployment.gateway.streams!;
    const slot = slots.open('wf-token-check')!;
    const post = (url: string, token: string, body: unknown) =>
      fetch(url, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const batch = { messages: [{ type: 'delta', attempt: '1.1', seq: 0, text: 'hi' }] };
    try {
      const wrong = await post(slot.target.url, `${slot.target.token.slice(0, -2)}xx`, batch);
      const unknown = await post(slot.target.url.replace('wf-token-check', 'wf-nobody'), slot.target.token, batch);
      const malformed = await post(slot.target.url, slot.target.token, { messages: [{ type: 'delta', seq: -1 }] });
      const notJson = await fetch(slot.target.url, { method: 'POST', headers: { authorization: `Bearer ${slot.target.token}` }, body: '{"messages": [' });
      const noToken = await fetch(slot.target.url, { method: 'POST', body: JSON.stringify(batch) });
      const huge = await post(slot.target.url, slot.target.token, { messages: [{ type: 'delta', attempt: '1.1', seq: 0, text: 'x'.repeat(300 * 1024) }] });
      const right = await post(slot.target.url, slot.target.token, batch);

      expect(wrong.status).toBe(403);
      expect(await wrong.json()).toMatchObject({ error: { code: 'stream_token_invalid' } });
      expect(unknown.status).toBe(404);
      expect(malformed.status).toBe(400);
      expect(notJson.status).toBe(400);
      expect(noToken.status).toBe(401);
      expect(huge.status).toBe(413);
      expect(right.status).toBe(204);
      expect(slot.relay.forwarded).toBe('hi');
    } finally {
      slot.close();
    }
    const closed = await post(slot.target.url, slot.target.token, batch);
    expect(closed.status).toBe(404);
  });
});

describe('live streaming when the answer changes after the first token', () => {
  const UNSURE = 'Maybe a pale blue, or grey';
  const SURE = 'Warm ochre suits a kitchen wall well';
  let deployment: StreamingCluster;
  let openai: OpenAI;
  beforeAll(async () => {
    // Ladder small local → large local → cloud frontier → human, confidence from logprobs, threshold 0.7.
    deployment = await startStreamingCluster({ models: ESCALATION_MODELS, policy: (targets) => escalationPolicy(targets) });
    openai = new OpenAI({ baseURL: deployment.gateway.baseURL, apiKey: await deployment.gateway.createKey({ application: 'streamer' }), maxRetries: 0 });
  });
  afterAll(async () => {
    await deployment?.close();
  });
  beforeEach(() => {
    deployment.cluster.cloudModels.reset();
    deployment.cluster.localModels.reset();
  });

  /** Every token of `text` at probability `confidence`: the logprob confidence is exactly it. */
  const answer = (text: string, confidence: number) => ({ text, logprobs: text.split(' ').map((token) => ({ token, logprob: Math.log(confidence) })) });

  /** Each double stream waits, from its third write on, until the client holds a piece: the client sees deltas before the attempt ends. */
  function holdUntilSeen(contents: string[]) {
    const gate = async (write: number) => {
      if (write === 2) await until(() => contents.length >= 1);
    };
    deployment.cluster.localModels.gateStream(gate);
    deployment.cluster.cloudModels.gateStream(gate);
  }

  it('ends with a stream_diverged error naming the workflow when a low-confidence streamed answer escalates to another model, never splicing the two', async () => {
    const contents: string[] = [];
    holdUntilSeen(contents);
    deployment.cluster.localModels.script((call) => (call.model === 'small-model' ? answer(UNSURE, 0.2) : answer(SURE, 0.99)));
    const { error, workflowId, status } = await streamUntilEnd(openai, contents);

    expect(status).toBe('streaming');
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect((error as InstanceType<typeof OpenAI.APIError>).code).toBe('stream_diverged');
    expect((error as Error).message).toContain(workflowId);
    // The client got the first attempt's pieces, and only them: nothing of the escalated answer.
    expect(contents.length).toBeGreaterThan(0);
    expect(UNSURE.startsWith(contents.join(''))).toBe(true);
    expect(contents.join('')).not.toContain('ochre');
    // The workflow result is the truth: the large model's answer, after escalation.
    const result = (await deployment.cluster.client.workflow.getHandle(workflowId).result()) as RoutedTaskResult;
    expect(result).toMatchObject({ status: 'answered', answer: SURE, escalation: 'model' });
    expect(result.attempts.map((attempt) => attempt.model)).toEqual(['local-small', 'local-large']);
    expect(deployment.cluster.localModels.chats().map((chat) => chat.model)).toEqual(['small-model', 'large-model']);
  });

  it('ends with stream_diverged when the escalated answer begins with the text streamed: the rest would be another model\'s', async () => {
    const contents: string[] = [];
    holdUntilSeen(contents);
    // The large model's answer starts with the small one's words: appending its rest would splice two models.
    const longer = `${UNSURE} Definitely ochre.`;
    deployment.cluster.localModels.script((call) => (call.model === 'small-model' ? answer(UNSURE, 0.2) : answer(longer, 0.99)));
    const { error, workflowId } = await streamUntilEnd(openai, contents);

    expect((error as InstanceType<typeof OpenAI.APIError>).code).toBe('stream_diverged');
    expect((error as Error).message).toContain('local-large');
    const result = (await deployment.cluster.client.workflow.getHandle(workflowId).result()) as RoutedTaskResult;
    expect(result).toMatchObject({ status: 'answered', answer: longer, escalation: 'model' });
    expect(result.attempts.map((attempt) => attempt.model)).toEqual(['local-small', 'local-large']);
    expect(contents.join('')).not.toContain('ochre');
  });

  it('ends with a stream_diverged error naming the workflow when the streamed answer goes to human review', async () => {
    const contents: string[] = [];
    holdUntilSeen(contents);
    deployment.cluster.localModels.script((call) => answer(call.model === 'small-model' ? UNSURE : SURE, 0.2));
    deployment.cluster.cloudModels.script(() => answer(SURE, 0.3));
    const { error, workflowId } = await streamUntilEnd(openai, contents);

    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect((error as InstanceType<typeof OpenAI.APIError>).code).toBe('stream_diverged');
    expect((error as Error).message).toContain(workflowId);
    expect((error as Error).message).toContain('human review');
    expect(UNSURE.startsWith(contents.join(''))).toBe(true);
    const handle = deployment.cluster.client.workflow.getHandle(workflowId);
    expect((await handle.query(reviewDetailsQuery)).reviewState).toBe('pending');
    await handle.terminate('test done');
  });
});

async function until(condition: () => boolean): Promise<void> {
  for (let attempt = 0; attempt < 1500 && !condition(); attempt++) await new Promise((resolve) => setTimeout(resolve, 10));
  if (!condition()) throw new Error('condition not met within 15 s');
}
