/**
 * Human review over HTTP: a request that ends in review answers at once with 202, a pending task
 * and its workflow id, and GET /v1/switchyard/tasks/{id} gives the final answer once a reviewer
 * decided; a client that sets x-switchyard-review-wait gets the reviewed answer in the same call.
 */
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reviewDetailsQuery, submitReviewUpdate } from '../../workflows/review-definitions.js';
import { scriptConfidence } from '../harness/scripted-confidence.js';
import { startSwitchyardCluster, type SwitchyardCluster } from '../harness/switchyard-cluster.js';
import { ESCALATION_MODELS, escalationPolicy } from '../harness/test-policy.js';
import { startTestGateway, type TestGateway } from './gateway-harness.js';
import { contractErrors } from './openapi-contract.js';

const QUESTION = { model: 'auto', messages: [{ role: 'user' as const, content: 'My SSN is 536-22-1234, what does my tax letter mean?' }] };

describe('human review over HTTP', () => {
  let cluster: SwitchyardCluster;
  let gateway: TestGateway;
  let openai: OpenAI;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the task object is Switchyard's own, read field by field
  const getTask = async (id: string): Promise<any> => (await fetch(`${gateway.baseURL}/switchyard/tasks/${id}`, { headers: { authorization: `Bearer ${openai.apiKey}` } })).json();
  beforeAll(async () => {
    cluster = await startSwitchyardCluster({ models: ESCALATION_MODELS, policy: (targets) => escalationPolicy(targets) });
    scriptConfidence(cluster.localModels, { 'small-model': 0.1, 'large-model': 0.2 });
    gateway = await startTestGateway(cluster);
    openai = new OpenAI({ baseURL: gateway.baseURL, apiKey: await gateway.createKey({ application: 'tax-desk' }), maxRetries: 0 });
  });
  afterAll(async () => {
    await gateway?.close();
    await cluster?.close();
  });

  it('answers 202 with a pending task at once; the task endpoint gives the reviewed answer later', async () => {
    const { data, response } = await openai.chat.completions.create(QUESTION, { headers: { 'x-switchyard-review-wait': '0' } }).withResponse();
    const pending = data as unknown as { id: string; object: string; status: string; url: string };

    expect(response.status).toBe(202);
    expect(pending).toMatchObject({ object: 'switchyard.task', status: 'pending_review' });
    expect(response.headers.get('x-switchyard-workflow-id')).toBe(pending.id);
    expect(await getTask(pending.id)).toMatchObject({ status: 'pending_review', completion: null });

    const handle = cluster.client.workflow.getHandle(pending.id);
    expect((await handle.query(reviewDetailsQuery)).reviewState).toBe('pending');
    await handle.executeUpdate(submitReviewUpdate, { args: [{ action: 'edit', reviewer: 'alice', editedAnswer: 'It is a refund notice.' }] });
    await handle.result();

    const done = await getTask(pending.id);
    expect(done.status).toBe('completed');
    expect(done.completion.choices[0].message.content).toBe('It is a refund notice.');
    expect(done.completion.switchyard).toMatchObject({ status: 'edited', escalation: 'human' });
    expect(contractErrors('CreateChatCompletionResponse', done.completion)).toEqual([]);
  });

  it('waits for the reviewer within the time the client allows and answers in the same call', async () => {
    const request = openai.chat.completions.create(QUESTION, { headers: { 'x-switchyard-review-wait': '60' } }).withResponse();
    // Decide as soon as the task waits for a person, while the HTTP call is still open.
    const decided = (async () => {
      for (;;) {
        const { executions } = await cluster.client.workflowService.listWorkflowExecutions({ namespace: 'default', query: `WorkflowId STARTS_WITH "gateway-tax-desk-" AND ExecutionStatus = "Running"` });
        for (const execution of executions ?? []) {
          const handle = cluster.client.workflow.getHandle(execution.execution!.workflowId!);
          const details = await handle.query(reviewDetailsQuery).catch(() => undefined);
          if (details?.reviewState === 'pending') return handle.executeUpdate(submitReviewUpdate, { args: [{ action: 'approve', reviewer: 'bob' }] });
        }
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    })();
    const { data, response } = await request;
    await decided;

    expect(response.status).toBe(200);
    expect(response.headers.get('x-switchyard-status')).toBe('approved');
    expect(data.choices[0]!.message.content).toBe('answer from large-model');
  });

  it('refuses a review wait that is not a number of seconds', async () => {
    await expect(openai.chat.completions.create(QUESTION, { headers: { 'x-switchyard-review-wait': 'forever' } })).rejects.toMatchObject({ status: 400, param: 'x-switchyard-review-wait' });
  });
});
