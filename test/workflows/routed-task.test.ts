/**
 * The routed task end to end on a real Temporal dev server, with real workers and model-server
 * doubles over HTTP: where each request goes, what the history records, and the never-broken rule.
 */
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { ActivityFailure, ApplicationFailure, WorkflowFailedError } from '@temporalio/client';
import { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { searchAttributes } from '../../temporal/search-attributes.js';
import { connectWorker } from '../../workers/worker-runtime.js';
import { startSwitchyardCluster, TEST_CLOUD_KEY, testDataConverter, type SwitchyardCluster } from '../harness/switchyard-cluster.js';

const CARD = '4111 1111 1111 1111';
let cluster: SwitchyardCluster;

beforeAll(async () => {
  cluster = await startSwitchyardCluster();
});
afterAll(async () => {
  await cluster?.close();
});


describe('routed task on a real Temporal server', () => {
  it('sends a prompt with a Luhn-valid card number to a local queue and never to the cloud', async () => {
    const cloudBefore = cluster.cloudModels.chats().length;
    const { handle, result } = await cluster.run({ prompt: `My card ${CARD} was charged twice, please help.` });

    expect(result.status).toBe('answered');
    expect(result.dataClass).toBe('restricted');
    expect(result.sensitive).toBe(true);
    expect(result.entities.map((entity) => entity.type)).toContain('CREDIT_CARD');
    expect(result.decision).toMatchObject({ backendKind: 'local', backend: 'local-ollama', rule: 'sensitive-stays-local' });
    expect(result.decision.taskQueue).toMatch(/^switchyard-local-gpu-/);
    expect(result.answer).toMatch(/^echo: /);
    expect(cluster.localModels.chats().some((request) => request.messages!.some((message) => message.content.includes(CARD)))).toBe(true);
    expect(cluster.cloudModels.chats()).toHaveLength(cloudBefore);

    const description = await handle.describe();
    expect(description.typedSearchAttributes.get(searchAttributes.cloud)).toBe(false);
    expect(description.typedSearchAttributes.get(searchAttributes.dataClass)).toBe('restricted');
    expect(description.typedSearchAttributes.get(searchAttributes.sensitive)).toBe(true);
  });

  it('sends a plain coding question to the cloud under a sensitive-stays-local policy', async () => {
    const { handle, result } = await cluster.run({ prompt: 'How do I reverse a linked list in Python?' });

    expect(result.dataClass).toBe('public');
    expect(result.taskType).toBe('code');
    expect(result.decision).toMatchObject({ backendKind: 'cloud', backend: 'cloud-openai', rule: 'default', model: 'cloud-fast' });
    expect(result.decision.taskQueue).toMatch(/^switchyard-cloud-openai-/);
    const cloudCall = cluster.cloudModels.chats().at(-1)!;
    expect(cloudCall.messages!.at(-1)!.content).toBe('How do I reverse a linked list in Python?');
    expect(cloudCall.headers.authorization).toBe(`Bearer ${TEST_CLOUD_KEY}`);
    expect(result.usage!.inputTokens).toBeGreaterThan(0);
    expect(result.costUsd).toBeGreaterThan(0);
    expect((await handle.describe()).typedSearchAttributes.get(searchAttributes.costUsd)).toBeCloseTo(result.costUsd, 12);
  });

  it('ignores the routed step\'s own options in a task\'s input (a client cannot skip escalation or add context)', async () => {
    // Fields of RoutedStepInput that are not RoutedTaskInput's: a workflow's author sets them, a client must not.
    const stepOnly = { confidenceThreshold: 1, review: false, context: ['CONTEXT-FROM-CLIENT'], name: 'smuggled' };
    const { result } = await cluster.run({ prompt: 'How do I reverse a linked list in Python?', ...stepOnly } as Parameters<SwitchyardCluster['run']>[0]);

    expect(result.status).toBe('answered');
    // A threshold of 1 would have sent the answer up the escalation ladder.
    expect(result.escalation).toBe('none');
    const cloudCall = cluster.cloudModels.chats().at(-1)!;
    expect(cloudCall.messages!.some((message) => message.content.includes('CONTEXT-FROM-CLIENT'))).toBe(false);
  });

  it('forces a public request from the legal department onto a local queue', async () => {
    const { result } = await cluster.run({ prompt: 'Summarize the main points of contract law.', metadata: { department: 'legal' } });

    expect(result.dataClass).toBe('public');
    expect(result.decision).toMatchObject({ backendKind: 'local', rule: 'legal-stays-local' });
  });

  it('records the whole decision in search attributes and memo, findable by a visibility query', async () => {
    const workflowId = `test-attributes-${randomUUID()}`;
    const handle = await cluster.start({ prompt: 'Email me at jane.doe@example.com about the offsite.', metadata: { department: 'sales', application: 'crm' } }, workflowId);
    const result = await handle.result();
    const description = await handle.describe();
    const attributes = description.typedSearchAttributes;

    expect(attributes.get(searchAttributes.dataClass)).toBe('confidential');
    expect(attributes.get(searchAttributes.cloud)).toBe(false);
    expect(attributes.get(searchAttributes.models)).toEqual(['local-small']);
    expect(attributes.get(searchAttributes.taskQueues)).toEqual([result.decision.taskQueue]);
    expect(attributes.get(searchAttributes.rules)).toEqual(['sensitive-stays-local']);
    expect(attributes.get(searchAttributes.policyVersion)).toBe(cluster.policy.version);
    expect(attributes.get(searchAttributes.department)).toBe('sales');
    expect(attributes.get(searchAttributes.application)).toBe('crm');
    expect(attributes.get(searchAttributes.status)).toBe('answered');
    const memo = description.memo as { decision: { reasons: string[] }; classification: { entityTypes: string[] } };
    expect(memo.classification.entityTypes).toEqual(['EMAIL_ADDRESS']);
    expect(memo.decision.reasons.join(' ')).toContain('sensitive-stays-local');

    // Visibility is eventually consistent: poll until the run shows up in a query by its attributes.
    const query = `WorkflowId = '${workflowId}' AND SwitchyardCloud = false AND SwitchyardDataClass = 'confidential'`;
    let found = 0;
    for (let attempt = 0; attempt < 50 && found === 0; attempt++) {
      found = (await cluster.client.workflow.count(query)).count;
      if (found === 0) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(found).toBe(1);
  });

  it('rejects an empty prompt with a non-retryable InvalidRequest failure', async () => {
    const handle = await cluster.start({ prompt: '   ' });
    const failure = await handle.result().catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(WorkflowFailedError);
    const cause = (failure as WorkflowFailedError).cause;
    expect(cause).toBeInstanceOf(ApplicationFailure);
    expect((cause as ApplicationFailure).type).toBe('InvalidRequest');
    expect((cause as ApplicationFailure).message).toContain('empty prompt');
  });

  it('retries a cloud 429 through Temporal and then answers', async () => {
    const before = cluster.cloudModels.chats().length;
    cluster.cloudModels.injectFailures({ status: 429, count: 1 });
    const { result } = await cluster.run({ prompt: 'What is the boiling point of water?' });

    expect(result.decision.backendKind).toBe('cloud');
    expect(result.status).toBe('answered');
    expect(cluster.cloudModels.chats().length - before).toBe(2);
  });
});

describe('the cloud worker re-check', () => {
  it('refuses a sensitive prompt pushed straight onto a cloud queue, non-retryably, without calling the cloud', async () => {
    const fixtureQueue = `switchyard-fixture-${randomUUID().slice(0, 8)}`;
    const connection = await connectWorker(inject('temporalAddress'));
    const worker = await Worker.create({
      connection,
      taskQueue: fixtureQueue,
      dataConverter: testDataConverter,
      workflowsPath: fileURLToPath(new URL('./fixtures/direct-inference-workflow.ts', import.meta.url)),
    });
    const cloudQueue = cluster.policy.backends['cloud-openai']!.pool!;
    const before = cluster.cloudModels.chats().length;

    const failure = await worker.runUntil(
      cluster.client.workflow
        .execute('directInference', {
          taskQueue: fixtureQueue,
          workflowId: `test-direct-${randomUUID()}`,
          args: [`switchyard-cloud-${cloudQueue}`, { backend: 'cloud-openai', model: 'double-large', messages: [{ role: 'user', content: `Charge ${CARD} please` }] }],
        })
        .catch((error: unknown) => error),
    );
    await connection.close();

    expect(failure).toBeInstanceOf(WorkflowFailedError);
    const activityFailure = (failure as WorkflowFailedError).cause;
    expect(activityFailure).toBeInstanceOf(ActivityFailure);
    const applicationFailure = (activityFailure as ActivityFailure).cause;
    expect(applicationFailure).toBeInstanceOf(ApplicationFailure);
    expect((applicationFailure as ApplicationFailure).type).toBe('SensitiveDataRefused');
    expect((applicationFailure as ApplicationFailure).nonRetryable).toBe(true);
    expect((applicationFailure as ApplicationFailure).message).toContain('CREDIT_CARD');
    expect(cluster.cloudModels.chats()).toHaveLength(before);
  });
});
