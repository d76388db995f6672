/**
 * Deciding review tasks through the app on the real Temporal dev server: the queue lists them, each
 * decision completes the workflow with the reviewer recorded in history, and every bad request
 * (malformed payload, unknown id, second decision, unknown reviewer) gets a clear 4xx.
 */
import { fileURLToPath } from 'node:url';
import { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectWorker } from '../../workers/worker-runtime.js';
import { testDataConverter } from '../harness/switchyard-cluster.js';
import { hashToken } from '../../review/password-hash.js';
import { createReviewApp } from '../../review/review-app.js';
import type { TaskSummary } from '../../review/review-tasks.js';
import { createReviewerDirectory } from '../../review/reviewers-config.js';
import { HttpSession } from './http-session.js';
import { ACCOUNTS, startReviewHarness, testAccess, waitUntilPending, type ReviewHarness } from './review-harness.js';
import { BEST_ANSWER, SAMPLE_TASK, startPendingTask } from './start-pending-task.js';
import { recordedDecisions } from './update-history.js';

let harness: ReviewHarness;
let alice: HttpSession;
let aliceCsrf: string;
beforeAll(async () => {
  harness = await startReviewHarness();
  alice = new HttpSession(harness.url);
  await alice.signIn('alice', ACCOUNTS.alice.password);
  aliceCsrf = await alice.csrfToken();
});
afterAll(() => harness?.close());

const bearer = (name: keyof typeof ACCOUNTS) => ({ authorization: `Bearer ${ACCOUNTS[name].token}` });
const decide = (workflowId: string, body: unknown) => alice.postJson(`/api/tasks/${encodeURIComponent(workflowId)}/decision`, body, { 'x-csrf-token': aliceCsrf });
const errorOf = async (response: Response) => ((await response.json()) as { error: Record<string, string> }).error;

describe('the pending queue', () => {
  it('lists pending tasks oldest first, with data class, escalation and its reason', async () => {
    const older = await harness.startTask();
    const newer = await harness.startTask();
    const body = (await (await alice.request('/api/tasks?state=pending')).json()) as { tasks: TaskSummary[] };
    const ours = body.tasks.filter((task) => [older.workflowId, newer.workflowId].includes(task.workflowId));
    expect(ours.map((task) => task.workflowId)).toEqual([older.workflowId, newer.workflowId]);
    expect(ours[0]).toMatchObject({ dataClass: 'pii', sensitive: true, escalation: 'human', escalationReason: SAMPLE_TASK.escalationReason, status: 'RUNNING' });

    const page = await (await alice.request('/tasks')).text();
    expect(page.indexOf(older.workflowId)).toBeLessThan(page.indexOf(newer.workflowId));
    expect(page).toContain('pii · sensitive');
  });

  it('answers 400 naming the field for an unknown state', async () => {
    const response = await alice.request('/api/tasks?state=maybe');
    expect(response.status).toBe(400);
    expect(await errorOf(response)).toMatchObject({ field: 'state' });
  });
});

describe('decisions', () => {
  it('approve completes the workflow with the best answer, and history records alice', async () => {
    const handle = await harness.startTask();
    const response = await decide(handle.workflowId, { action: 'approve', comment: 'checked against the handbook' });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ outcome: { state: 'approved', reviewer: 'alice', finalAnswer: BEST_ANSWER } });
    expect(await handle.result()).toMatchObject({ answer: BEST_ANSWER, outcome: { reviewer: 'alice', state: 'approved' } });
    expect(await recordedDecisions(handle)).toEqual([
      { decision: { action: 'approve', reviewer: 'alice', comment: 'checked against the handbook' }, outcome: expect.objectContaining({ state: 'approved', reviewer: 'alice' }) },
    ]);
  });

  it('edit through the page form finishes with the reviewer text and shows the decision', async () => {
    const handle = await harness.startTask();
    const path = `/tasks/${encodeURIComponent(handle.workflowId)}`;
    expect(await (await alice.request(path)).text()).toContain(`>${BEST_ANSWER}</textarea>`);
    const response = await alice.postForm(`${path}/decision`, { _csrf: aliceCsrf, action: 'edit', editedAnswer: 'Needs the finance lead first.', comment: '' });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(path);
    expect(await handle.result()).toMatchObject({ answer: 'Needs the finance lead first.', outcome: { state: 'edited', reviewer: 'alice' } });
    expect((await recordedDecisions(handle))[0]?.decision).toEqual({ action: 'edit', reviewer: 'alice', editedAnswer: 'Needs the finance lead first.' });
    expect(await (await alice.request(path)).text()).toMatch(/Decision: <strong>edited<\/strong> by Alice Reviewer \(alice\)/);
  });

  it('reject with a bearer token records the token owner, whatever the payload claims', async () => {
    const handle = await harness.startTask();
    const response = await new HttpSession(harness.url).postJson(`/api/tasks/${handle.workflowId}/decision`, { action: 'reject', comment: 'not for us' }, bearer('bob'));
    expect(response.status).toBe(200);
    expect(await handle.result()).toMatchObject({ answer: null, outcome: { state: 'rejected', reviewer: 'bob' } });
    expect((await recordedDecisions(handle))[0]?.decision).toEqual({ action: 'reject', reviewer: 'bob', comment: 'not for us' });
  });
});

describe('bad requests', () => {
  it.each([
    [{ action: 'maybe' }, 'action'],
    [{ action: 'edit' }, 'editedAnswer'],
    [{ action: 'edit', editedAnswer: '   ' }, 'editedAnswer'],
    [{ action: 'approve', editedAnswer: 'sneaky' }, 'editedAnswer'],
    [{ action: 'approve', reviewer: 'bob' }, 'reviewer'],
    [{ action: 'approve', comment: 42 }, 'comment'],
    ['{not json', 'body'],
  ])('malformed payload %j → 400 naming %s, and the task stays pending', async (body, field) => {
    const handle = await harness.startTask();
    const response = await decide(handle.workflowId, body);
    expect(response.status).toBe(400);
    const error = await errorOf(response);
    expect(error).toMatchObject({ code: 'invalid-input', field });
    expect(error.message).toContain(field);
    expect((await handle.describe()).status.name).toBe('RUNNING');
  });

  it('unknown workflow id → 404 from the API and the pages', async () => {
    const response = await decide('no-such-workflow', { action: 'approve' });
    expect(response.status).toBe(404);
    expect(await errorOf(response)).toMatchObject({ code: 'not-found', message: 'No task waiting for your review has id "no-such-workflow".' });
    expect((await alice.request('/api/tasks/no-such-workflow')).status).toBe(404);
    const page = await alice.request('/tasks/no-such-workflow');
    expect(page.status).toBe(404);
    expect(await page.text()).toContain('No task waiting for your review has id');
  });

  it('a second decision → 409 naming who decided first and when (API and page)', async () => {
    const handle = await harness.startTask();
    const first = (await (await decide(handle.workflowId, { action: 'approve' })).json()) as { outcome: { decidedAt: string } };
    const second = await new HttpSession(harness.url).postJson(`/api/tasks/${handle.workflowId}/decision`, { action: 'reject' }, bearer('bob'));
    expect(second.status).toBe(409);
    const error = await errorOf(second);
    expect(error).toMatchObject({ code: 'already-decided', decidedBy: 'alice', decidedAt: first.outcome.decidedAt });
    expect(error.message).toBe(`This task was already decided (approved) by Alice Reviewer (alice) at ${first.outcome.decidedAt}.`);

    const page = await alice.postForm(`/tasks/${handle.workflowId}/decision`, { _csrf: aliceCsrf, action: 'reject' });
    expect(page.status).toBe(409);
    expect(await page.text()).toContain('already decided (approved) by Alice Reviewer (alice)');
    expect(await recordedDecisions(handle)).toHaveLength(1);
  });

  it('two decisions at once (two tabs): one wins, the other gets 409, the workflow completes once', async () => {
    const handle = await harness.startTask();
    const responses = await Promise.all([decide(handle.workflowId, { action: 'approve' }), decide(handle.workflowId, { action: 'reject' })]);
    expect(responses.map((response) => response.status).sort()).toEqual([200, 409]);
    expect(await recordedDecisions(handle)).toHaveLength(1);
    expect((await handle.result()).outcome.reviewer).toBe('alice');
  });

  it('an account the policy does not list sees no task, and its decision is refused before the workflow: 404, task stays pending', async () => {
    const handle = await harness.startTask();
    const listed = (await (await new HttpSession(harness.url).request('/api/tasks?state=pending', { headers: bearer('mallory') })).json()) as { tasks: TaskSummary[] };
    expect(listed.tasks).toEqual([]);
    expect((await new HttpSession(harness.url).request(`/api/tasks/${handle.workflowId}`, { headers: bearer('mallory') })).status).toBe(404);
    const response = await new HttpSession(harness.url).postJson(`/api/tasks/${handle.workflowId}/decision`, { action: 'approve' }, bearer('mallory'));
    expect(response.status).toBe(404);
    expect(await errorOf(response)).toMatchObject({ code: 'not-found' });
    expect(await recordedDecisions(handle)).toHaveLength(0);
    expect((await handle.describe()).status.name).toBe('RUNNING');
  });

  it('the workflow validator still refuses a reviewer it does not accept, even if an app let one through', async () => {
    const handle = await harness.startTask({ reviewers: ['bob'] });
    const response = await decide(handle.workflowId, { action: 'approve' });
    expect(response.status).toBe(403);
    expect(await errorOf(response)).toMatchObject({ code: 'unknown-reviewer', message: 'The workflow refused the decision: "alice" is not a reviewer for this task' });
    expect((await handle.describe()).status.name).toBe('RUNNING');
  });
});

describe('a workflow whose worker is down', () => {
  it('answers 503 within the update timeout instead of hanging the request', async () => {
    // A worker takes the task to pending, then stops: nothing polls the queue, so the update can never be accepted.
    const taskQueue = `review-test-no-worker-${Date.now()}`;
    const connection = await connectWorker(inject('temporalAddress'));
    const worker = await Worker.create({ connection, taskQueue, workflowsPath: fileURLToPath(new URL('./fixtures/review-fixture-workflow.ts', import.meta.url)), dataConverter: testDataConverter });
    const handle = await worker.runUntil(async () => {
      const started = await startPendingTask(harness.client, taskQueue);
      await waitUntilPending(harness.client, started.workflowId);
      return started;
    });
    await connection.close();
    const reviewers = createReviewerDirectory({ reviewers: [{ id: 'alice', name: 'Alice Reviewer', tokenHashes: [hashToken(ACCOUNTS.alice.token)] }] });
    const app = createReviewApp({ client: harness.client, reviewers, access: testAccess, updateTimeoutMs: 1_500, queryTimeoutMs: 500 });
    const started = Date.now();
    const response = await app.request(`/api/tasks/${handle.workflowId}/decision`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...bearer('alice') },
      body: JSON.stringify({ action: 'approve' }),
    });
    expect(response.status).toBe(503);
    expect((await errorOf(response)).message).toMatch(/did not answer within 1.5 s \(is its worker running\?\)/);
    expect(Date.now() - started).toBeLessThan(10_000);
    await handle.terminate('test finished');
  });
});
