/**
 * The triage workflow on the real Temporal dev server, with Switchyard's model-server doubles as the
 * local and cloud models: each step routed on its own, the history saying so step by step.
 * Inside Switchyard's `npm test` it uses the suite's dev server; alone it starts its own.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { initialSearchAttributes, loadDataConverter, reviewDetailsQuery, searchAttributes, submitReviewUpdate, type StepRecord } from 'switchyard/client';
import { parsePolicy } from 'switchyard/policy';
import { startDevServer, startModelServer, startReviewApp, startWorkers, withReviewKey, type DevServer, type ModelServer, type TestReviewApp, type TestWorkers } from 'switchyard/testing';
import { createTicketActivities, type FiledTriage } from '../src/activities.js';
import type { Ticket, Triage } from '../src/workflows/index.js';

const CARD = '4111 1111 1111 1111';
const workflowsPath = new URL('../src/workflows/index.ts', import.meta.url).pathname;
const dataConverter = loadDataConverter({ env: { SWITCHYARD_PAYLOAD_KEYS: `example:${randomBytes(32).toString('base64')}` } });
const outbox: FiledTriage[] = [];
let server: DevServer | undefined;
let local: ModelServer;
let cloud: ModelServer;
let workers: TestWorkers;
let reviewApp: TestReviewApp;
let client: Client;
let taskQueue: string;

async function freePort(): Promise<number> {
  const socket = createServer();
  await new Promise<void>((resolve) => socket.listen(0, '127.0.0.1', resolve));
  const { port } = socket.address() as { port: number };
  await new Promise<void>((resolve) => socket.close(() => resolve()));
  return port;
}

beforeAll(async () => {
  // Switchyard's own suite provides its dev server; run alone, the example starts one.
  let address = (inject as (key: string) => string | undefined)('temporalAddress');
  if (!address) {
    server = await startDevServer({ dataDir: `.data/triage-test-${process.pid}`, port: await freePort(), headless: true, readyTimeoutMs: 180_000 });
    address = server.address;
  }
  [local, cloud] = await Promise.all([startModelServer(), startModelServer()]);
  const suffix = randomUUID().slice(0, 8);
  const policy = parsePolicy(
    (await readFile(new URL('../policy.yaml', import.meta.url), 'utf8'))
      .replace('http://127.0.0.1:11434', local.ollamaUrl)
      .replace('https://api.openai.com/v1', cloud.openaiUrl)
      .replace('llama3.2:3b', 'double-small')
      .replace('gpt-4o-mini', 'double-large')
      .replace('pool: gpu', `pool: gpu-${suffix}`)
      .replace('pool: openai', `pool: openai-${suffix}`),
    'policy.yaml',
  );
  taskQueue = `ticket-triage-${suffix}`;
  client = new Client({ connection: await Connection.connect({ address }), dataConverter });
  // Reviewers decide through the review app, which signs each decision; the workers accept only its key.
  reviewApp = await startReviewApp({ client, policy });
  workers = await startWorkers({ address, policy: withReviewKey(policy, reviewApp), taskQueue, workflowsPath, activities: createTicketActivities(outbox), dataConverter, cloudEnv: { OPENAI_API_KEY: 'sk-test' } });
});
afterAll(async () => {
  await workers?.close();
  await reviewApp?.close();
  await client?.connection.close();
  await Promise.all([local?.close(), cloud?.close()]);
  await server?.stop();
});

function start(ticket: Omit<Ticket, 'id'>) {
  const id = `ticket-${randomUUID()}`;
  return client.workflow.start('triageTicket', { taskQueue, workflowId: id, args: [{ id, ...ticket }], typedSearchAttributes: initialSearchAttributes({ application: 'ticket-triage' }) });
}

function stepsOf(memo: Record<string, unknown> | undefined): StepRecord[] {
  return (memo?.switchyardSteps ?? []) as StepRecord[];
}

describe('ticket triage', () => {
  it('summarises a harmless ticket in the cloud and drafts the reply locally, step by step in history', async () => {
    const handle = await start({ subject: 'Printer jams', body: 'The printer on floor 2 jams every morning since Monday.' });
    const triage = (await handle.result()) as Triage;

    expect(triage.summary).toMatchObject({ step: 'summarise', dataClass: 'public', status: 'answered', decision: { backendKind: 'cloud', rule: 'default' } });
    expect(triage.draft).toMatchObject({ step: 'draft-reply', status: 'answered', decision: { backendKind: 'local', rule: 'drafts-stay-local' } });
    expect(cloud.chats().some((call) => call.messages!.some((message) => message.content.includes('printer on floor 2')))).toBe(true);
    const description = await handle.describe();
    expect(stepsOf(description.memo).map((step) => [step.step, step.rule, step.attempts.map((attempt) => attempt.backendKind)])).toEqual([
      ['summarise', 'default', ['cloud']],
      ['draft-reply', 'drafts-stay-local', ['local']],
    ]);
    expect(description.typedSearchAttributes.get(searchAttributes.models)).toEqual(['cloud-fast', 'local-small']);
    expect(description.typedSearchAttributes.get(searchAttributes.cloud)).toBe(true);
    expect(outbox.find((filed) => filed.ticketId === handle.workflowId)).toMatchObject({ status: 'answered' });
  });

  it('keeps both steps local when the ticket holds a card number, and never calls the cloud', async () => {
    const before = cloud.chats().length;
    const handle = await start({ subject: 'Refund', body: `Please refund the double charge on my card ${CARD}.` });
    const triage = (await handle.result()) as Triage;

    expect(triage.summary).toMatchObject({ dataClass: 'restricted', decision: { backendKind: 'local' } });
    // The ticket is the draft's context, so the draft is restricted too.
    expect(triage.draft).toMatchObject({ dataClass: 'restricted', decision: { backendKind: 'local' } });
    expect(cloud.chats()).toHaveLength(before);
    expect((await handle.describe()).typedSearchAttributes.get(searchAttributes.cloud)).toBe(false);
  });

  it('runs the same triage as two child routed tasks, each a run of its own', async () => {
    const id = `ticket-${randomUUID()}`;
    const result = await client.workflow.execute('triageTicketAsChildren', { taskQueue, workflowId: id, args: [{ id, subject: 'Printer jams', body: 'The printer on floor 2 jams every morning.' }] });

    expect(result).toMatchObject({ summary: { status: 'answered', decision: { backendKind: 'cloud' } }, draft: { status: 'answered', decision: { rule: 'drafts-stay-local' } } });
    const child = await client.workflow.getHandle(`${id}-draft-reply`).describe();
    expect(child.parentExecution?.workflowId).toBe(id);
    expect(child.typedSearchAttributes.get(searchAttributes.models)).toEqual(['local-small']);
  });

  it('sends a low-confidence draft to review and finishes with the approved answer', async () => {
    // The local model is unsure of its draft: every token at probability 0.2, below the 0.5 threshold.
    local.script((call) => {
      const text = call.messages.at(-1)!.content.startsWith('Draft') ? 'Maybe we could try something?' : `summary: ${call.messages.at(-1)!.content.slice(0, 40)}`;
      const confidence = text.startsWith('Maybe') ? 0.2 : 0.99;
      return { text, logprobs: text.split(' ').map((token) => ({ token, logprob: Math.log(confidence) })) };
    });
    const handle = await start({ subject: 'VPN', body: 'Since the update the VPN client drops every ten minutes.' });
    let details = await handle.query(reviewDetailsQuery);
    for (let attempt = 0; attempt < 100 && details.reviewState !== 'pending'; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      details = await handle.query(reviewDetailsQuery);
    }
    expect(details.reviewState).toBe('pending');
    expect(details.escalationReason).toContain('draft-reply');
    // The reviewer sees what the model read: the ticket the workflow passed as the step's context.
    expect(details.stepContext?.[0]).toBe('Ticket: VPN\n\nSince the update the VPN client drops every ten minutes.');

    // An Update typed by hand (no review app, no signature) is refused: the reviewer's name is proven only by the app.
    await expect(handle.executeUpdate(submitReviewUpdate, { args: [{ action: 'approve', reviewer: 'alice' }] })).rejects.toMatchObject({ cause: { type: 'UnsignedReviewDecision' } });
    const decided = await reviewApp.decide('alice', handle.workflowId, { action: 'approve', comment: 'fine for a first reply' });
    expect(decided).toMatchObject({ status: 200, body: { outcome: { state: 'approved' } } });
    const triage = (await handle.result()) as Triage;
    expect(triage.draft).toMatchObject({ status: 'approved', escalation: 'human', answer: 'Maybe we could try something?', review: { reviewer: 'alice' } });
    local.script([]);
  });
});
