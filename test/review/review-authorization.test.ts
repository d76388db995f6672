/**
 * What each reviewer may see and decide (issue #9's review-app defects): only tasks waiting for
 * review, only their groups' tasks; runs that never waited are never listed or readable.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TaskSummary } from '../../review/review-tasks.js';
import { HttpSession } from './http-session.js';
import { ACCOUNTS, startReviewHarness, type ReviewHarness } from './review-harness.js';
import { SAMPLE_TASK } from './start-pending-task.js';

let harness: ReviewHarness;
beforeAll(async () => {
  harness = await startReviewHarness();
});
afterAll(() => harness?.close());

const as = (name: keyof typeof ACCOUNTS) => ({ headers: { authorization: `Bearer ${ACCOUNTS[name].token}` } });
const tasksOf = async (name: keyof typeof ACCOUNTS) =>
  ((await (await new HttpSession(harness.url).request('/api/tasks?state=pending', as(name))).json()) as { tasks: TaskSummary[] }).tasks.map((task) => task.workflowId);

describe('review app authorisation', () => {
  it('lists no other state than pending: GET /api/tasks?state=none is refused', async () => {
    for (const state of ['none', 'approved', 'expired']) {
      const response = await new HttpSession(harness.url).request(`/api/tasks?state=${state}`, as('alice'));
      expect(response.status).toBe(403);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('not-waiting');
    }
  });

  it('shows a finance task only to the finance group (bob), not to alice (support only)', async () => {
    const finance = await harness.startTask({ metadata: { ...SAMPLE_TASK.metadata, department: 'finance' } });
    expect(await tasksOf('bob')).toContain(finance.workflowId);
    expect(await tasksOf('alice')).not.toContain(finance.workflowId);
    const read = await new HttpSession(harness.url).request(`/api/tasks/${finance.workflowId}`, as('alice'));
    expect(read.status).toBe(404);
    expect(await read.text()).not.toContain('jane.doe@example.com');
    const decided = await new HttpSession(harness.url).postJson(`/api/tasks/${finance.workflowId}/decision`, { action: 'approve' }, as('alice').headers);
    expect(decided.status).toBe(404);
    expect((await finance.describe()).status.name).toBe('RUNNING');
  });

  it('never shows the prompt of a run that was not escalated', async () => {
    // A run that never waited for review: a plain workflow id of a task in no review state.
    const handle = await harness.startTask();
    await handle.terminate('not a review task any more');
    const other = await new HttpSession(harness.url).request(`/api/tasks/${handle.workflowId}`, as('alice'));
    expect(other.status).toBe(404);
    expect(await other.text()).not.toContain('jane.doe');
  });

  it('shows a decided task only to the reviewer who decided it', async () => {
    const handle = await harness.startTask();
    expect((await new HttpSession(harness.url).postJson(`/api/tasks/${handle.workflowId}/decision`, { action: 'reject' }, as('bob').headers)).status).toBe(200);
    expect((await new HttpSession(harness.url).request(`/api/tasks/${handle.workflowId}`, as('bob'))).status).toBe(200);
    expect((await new HttpSession(harness.url).request(`/api/tasks/${handle.workflowId}`, as('alice'))).status).toBe(404);
  });
});
