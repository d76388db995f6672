/**
 * Human review as a Workflow Update on the real dev server: approve, edit and reject complete the
 * task with the reviewer recorded in history; the validator turns away bad decisions with a clear
 * message; the SLA timer ends the wait as the policy says.
 */
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRunFacts, type RunFacts } from '../../cli/escalation-stats.js';
import { searchAttributes } from '../../temporal/search-attributes.js';
import { reviewDetailsQuery, submitReviewUpdate, type ReviewDecision } from '../../workflows/review-definitions.js';
import { scriptConfidence } from '../harness/scripted-confidence.js';
import { startSwitchyardCluster, type SwitchyardCluster } from '../harness/switchyard-cluster.js';
import { ESCALATION_MODELS, escalationPolicy } from '../harness/test-policy.js';

const SENSITIVE = 'My SSN is 536-22-1234, what does my tax letter mean?';

async function pendingTask(cluster: SwitchyardCluster) {
  scriptConfidence(cluster.localModels, { 'small-model': 0.1, 'large-model': 0.2 });
  const handle = await cluster.start({ prompt: SENSITIVE });
  for (let attempt = 0; attempt < 100; attempt++) {
    if ((await handle.query(reviewDetailsQuery)).reviewState === 'pending') return handle;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('task never became pending');
}

async function rejectionOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the update to be rejected');
}

describe('human review', () => {
  let cluster: SwitchyardCluster;
  beforeAll(async () => {
    cluster = await startSwitchyardCluster({ models: ESCALATION_MODELS, policy: (targets) => escalationPolicy(targets) });
  });
  afterAll(async () => cluster?.close());

  it('an edit makes the reviewer text the answer and records the reviewer in history', async () => {
    const handle = await pendingTask(cluster);
    const outcome = await handle.executeUpdate(submitReviewUpdate, { args: [{ action: 'edit', reviewer: 'bob', editedAnswer: '  Your letter is a refund notice.  ', comment: 'rewrote' }] });
    const result = await handle.result();

    expect(outcome).toMatchObject({ state: 'edited', reviewer: 'bob', finalAnswer: 'Your letter is a refund notice.' });
    expect(result).toMatchObject({ status: 'edited', answer: 'Your letter is a refund notice.', escalation: 'human' });
    expect(result.review).toMatchObject({ action: 'edit', reviewer: 'bob', comment: 'rewrote' });
    const history = await handle.fetchHistory();
    const accepted = history.events!.filter((event) => event.workflowExecutionUpdateAcceptedEventAttributes);
    expect(accepted).toHaveLength(1);
    const attributes = (await handle.describe()).typedSearchAttributes;
    expect(attributes.get(searchAttributes.reviewState)).toBe('edited');
    expect(attributes.get(searchAttributes.status)).toBe('edited');
  });

  it('a rejection completes the task with no answer', async () => {
    const handle = await pendingTask(cluster);
    await handle.executeUpdate(submitReviewUpdate, { args: [{ action: 'reject', reviewer: 'alice', comment: 'not answerable' }] });
    const result = await handle.result();
    expect(result).toMatchObject({ status: 'rejected', answer: null });
    expect(result.review!.reviewer).toBe('alice');
  });

  it.each<[string, ReviewDecision, string]>([
    ['an unknown reviewer', { action: 'approve', reviewer: 'mallory' }, '"mallory" is not a reviewer'],
    ['an empty edit', { action: 'edit', reviewer: 'alice', editedAnswer: '   ' }, 'editedAnswer'],
    ['an unknown action', { action: 'escalate' as 'approve', reviewer: 'alice' }, 'expected approve, edit or reject'],
  ])('the validator rejects %s and the task keeps waiting', async (_label, decision, message) => {
    const handle = await pendingTask(cluster);
    const error = await rejectionOf(handle.executeUpdate(submitReviewUpdate, { args: [decision] }));
    expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
    expect((error as WorkflowUpdateFailedError).cause?.message).toContain(message);
    expect((await handle.query(reviewDetailsQuery)).reviewState).toBe('pending');
    // Rejected updates leave no trace in history: only accepted ones are recorded.
    const history = await handle.fetchHistory();
    expect(history.events!.some((event) => event.workflowExecutionUpdateAcceptedEventAttributes)).toBe(false);
    await handle.executeUpdate(submitReviewUpdate, { args: [{ action: 'approve', reviewer: 'alice' }] });
    expect((await handle.result()).status).toBe('approved');
  });

  it('a second decision on the same task is rejected naming the first decider', async () => {
    const handle = await pendingTask(cluster);
    const first = handle.executeUpdate(submitReviewUpdate, { args: [{ action: 'approve', reviewer: 'alice' }] });
    const second = handle.executeUpdate(submitReviewUpdate, { args: [{ action: 'reject', reviewer: 'bob' }] });
    const settled = await Promise.allSettled([first, second]);
    // Both were sent at once: whichever the workflow accepted first wins; the other is told who decided.
    const winners = settled.filter((entry) => entry.status === 'fulfilled') as PromiseFulfilledResult<{ reviewer: string; state: string }>[];
    const losers = settled.filter((entry) => entry.status === 'rejected') as PromiseRejectedResult[];
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(1);
    const winner = winners[0]!.value;
    const loserMessage = String(losers[0]!.reason.cause?.message ?? losers[0]!.reason.message);
    // The loser is either validated after the winner (named in the message) or arrives as the workflow closes.
    expect(loserMessage).toMatch(new RegExp(`already decided: \\w+ by ${winner.reviewer}|aborted by closing workflow|completed`));
    expect((await handle.result()).review!.reviewer).toBe(winner.reviewer);
  });

  it('an update for a finished task is refused', async () => {
    const handle = await pendingTask(cluster);
    await handle.executeUpdate(submitReviewUpdate, { args: [{ action: 'approve', reviewer: 'alice' }] });
    await handle.result();
    const error = await rejectionOf(handle.executeUpdate(submitReviewUpdate, { args: [{ action: 'reject', reviewer: 'bob' }] }));
    expect(error.message).toMatch(/completed|already decided/i);
  });

  it('reports reviewed runs to the escalation statistics with their task type and review outcome', async () => {
    const handle = await pendingTask(cluster);
    await handle.executeUpdate(submitReviewUpdate, { args: [{ action: 'edit', reviewer: 'alice', editedAnswer: 'corrected' }] });
    await handle.result();
    let facts: RunFacts | undefined;
    // Visibility is eventually consistent: poll until the finished run is listed with its final state.
    for (let attempt = 0; attempt < 50 && facts?.reviewState !== 'edited'; attempt++) {
      facts = (await readRunFacts(cluster.client, new Date(Date.now() - 600_000))).find((run) => run.workflowId === handle.workflowId);
      if (facts?.reviewState !== 'edited') await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(facts).toEqual({ workflowId: handle.workflowId, taskType: 'general', escalation: 'human', reviewState: 'edited' });
  });

  it('an update for an unknown workflow id fails with WorkflowNotFoundError', async () => {
    const error = await rejectionOf(cluster.client.workflow.getHandle('no-such-task').executeUpdate(submitReviewUpdate, { args: [{ action: 'approve', reviewer: 'alice' }] }));
    expect(error).toBeInstanceOf(WorkflowNotFoundError);
  });

  it('a decision before the task waits for review is refused', async () => {
    cluster.localModels.setLatency(1500);
    try {
      const handle = await cluster.start({ prompt: SENSITIVE });
      const error = await rejectionOf(handle.executeUpdate(submitReviewUpdate, { args: [{ action: 'approve', reviewer: 'alice' }] }));
      expect((error as WorkflowUpdateFailedError).cause?.message).toContain('is not waiting for review');
      await handle.terminate('test done');
    } finally {
      cluster.localModels.setLatency(0);
    }
  });
});

describe.each([
  ['return-unreviewed', 'unreviewed', 'answer from large-model'],
  ['reject', 'expired', null],
] as const)('review SLA expiry with onExpiry %s', (onExpiry, status, answer) => {
  let cluster: SwitchyardCluster;
  beforeAll(async () => {
    cluster = await startSwitchyardCluster({ models: ESCALATION_MODELS, policy: (targets) => escalationPolicy(targets, { slaMs: 1500, onExpiry }) });
  });
  afterAll(async () => cluster?.close());

  it(`finishes as ${status} when nobody decides within the SLA`, async () => {
    scriptConfidence(cluster.localModels, { 'small-model': 0.1, 'large-model': 0.2 });
    const { handle, result } = await cluster.run({ prompt: SENSITIVE });
    expect(result.status).toBe(status);
    expect(result.answer).toBe(answer);
    expect(result.review).toBeNull();
    expect((await handle.describe()).typedSearchAttributes.get(searchAttributes.reviewState)).toBe('expired');
  });
});
