/**
 * What each reviewer may see and decide (issue #9's review-app defects): only tasks waiting for
 * review, only their groups' tasks; runs that never waited are never listed or readable.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TaskSummary } from '../../review/review-tasks.js';
import type { ReviewDetails } from '../../workflows/review-definitions.js';
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

  it("shows a conversation's earlier turns, in order, with roles and escaped, only to a reviewer who may see the task", async () => {
    const messages = [
      { role: 'user' as const, content: 'Turn one: my card <b>4111 1111 1111 1111</b> was charged twice.' },
      { role: 'assistant' as const, content: 'Turn two: <script>alert("turn")</script><img src=x onerror=alert(2)> & "quoted"' },
      { role: 'user' as const, content: 'Turn three: it was 740 EUR.' },
    ];
    const stepContext = ['Ticket thread <i>from the workflow</i>: customer writes in Dutch.'];
    const finance = await harness.startTask({ metadata: { ...SAMPLE_TASK.metadata, department: 'finance' }, messages, stepContext });

    const api = (await (await new HttpSession(harness.url).request(`/api/tasks/${finance.workflowId}`, as('bob'))).json()) as { details: ReviewDetails };
    expect(api.details.messages).toEqual(messages);
    const page = await (await new HttpSession(harness.url).request(`/tasks/${finance.workflowId}`, as('bob'))).text();
    const request = /<section id="request">([\s\S]*?)<\/section>/.exec(page)?.[1] ?? '';
    const turns = [...request.matchAll(/<div class="turn" data-role="(\w+)"><p class="muted">([^<]*)<\/p><pre>([^<]*)<\/pre><\/div>/g)].map(([, role, label, text]) => ({ role, label, text }));
    expect(turns).toEqual([
      { role: 'system', label: 'System', text: SAMPLE_TASK.system },
      { role: 'context', label: 'Step context 1 (passed by the workflow)', text: 'Ticket thread &lt;i&gt;from the workflow&lt;/i&gt;: customer writes in Dutch.' },
      { role: 'user', label: '1. User', text: 'Turn one: my card &lt;b&gt;4111 1111 1111 1111&lt;/b&gt; was charged twice.' },
      { role: 'assistant', label: '2. Assistant', text: 'Turn two: &lt;script&gt;alert(&quot;turn&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt; &amp; &quot;quoted&quot;' },
      { role: 'user', label: '3. User', text: 'Turn three: it was 740 EUR.' },
      { role: 'user', label: '4. User · the message being answered', text: SAMPLE_TASK.prompt },
    ]);
    expect(page).not.toContain('<script>alert');
    expect(page).not.toContain('<img src=x');

    // Alice is not in the finance group: the same 404 as an unknown id, and no turn of the conversation.
    for (const path of [`/api/tasks/${finance.workflowId}`, `/tasks/${finance.workflowId}`]) {
      const hidden = await new HttpSession(harness.url).request(path, as('alice'));
      expect(hidden.status).toBe(404);
      expect(await hidden.text()).not.toMatch(/Turn (one|two|three)|Ticket thread/);
    }
  });

  it('shows a decided task only to the reviewer who decided it', async () => {
    const handle = await harness.startTask();
    expect((await new HttpSession(harness.url).postJson(`/api/tasks/${handle.workflowId}/decision`, { action: 'reject' }, as('bob').headers)).status).toBe(200);
    expect((await new HttpSession(harness.url).request(`/api/tasks/${handle.workflowId}`, as('bob'))).status).toBe(200);
    expect((await new HttpSession(harness.url).request(`/api/tasks/${handle.workflowId}`, as('alice'))).status).toBe(404);
  });
});
