/**
 * `switchyard audit` logic on real histories: a mixed set of routed runs (sensitive local, redacted
 * cloud, public cloud, cloud failure falling back to local) is reported correctly and replays against
 * the current workflow bundle; a run built to break the rule is flagged.
 */
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { defaultPayloadConverter } from '@temporalio/common';
import { bundleWorkflowCode, DefaultLogger, Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createInferenceActivities } from '../../activities/inference-activities.js';
import { auditRange } from '../../audit/audit-runs.js';
import { auditTable } from '../../audit/audit-table.js';
import { createBackendRegistry } from '../../backends/backend-registry.js';
import { createBackend } from '../../backends/create-backend.js';
import { createDefaultClassifier } from '../../classification/default-classifier.js';
import { failureConverterPath } from '../../temporal/data-converter.js';
import { encodeWith, POLICY_RECORD_TASK_QUEUE, POLICY_RECORD_WORKFLOW_TYPE, policyRecordId } from '../../temporal/policy-records.js';
import { policySnapshot } from '../../temporal/policy-snapshot.js';
import { servedBackends } from '../../workers/backend-connections.js';
import { connectWorker, workflowBundle } from '../../workers/worker-runtime.js';
import { submitReviewUpdate } from '../../workflows/review-definitions.js';
import { startSwitchyardCluster, TEST_CLOUD_KEY, testDataConverter, type SwitchyardCluster } from '../harness/switchyard-cluster.js';
import { redactablePolicy } from '../harness/test-policy.js';

/** Runs per kind; SWITCHYARD_AUDIT_RUNS raises it to measure throughput (4 kinds per round). */
const ROUNDS = Math.max(1, Math.ceil(Number(process.env.SWITCHYARD_AUDIT_RUNS ?? 8) / 4));

let cluster: SwitchyardCluster;
const since = new Date(Date.now() - 60_000);
beforeAll(async () => {
  cluster = await startSwitchyardCluster({ policy: redactablePolicy });
});
afterAll(async () => cluster?.close());

describe('switchyard audit', () => {
  it('reports every dispatch of a mixed set of runs, finds no violation, and replays them all', async () => {
    cluster.cloudModels.script((call) => `noted: ${/<EMAIL_ADDRESS_\w+>/.exec(call.messages.at(-1)!.content)?.[0] ?? 'ok'}`);
    const kinds = { sensitive: [] as string[], redacted: [] as string[], public: [] as string[], fallback: [] as string[] };
    for (let round = 0; round < ROUNDS; round += 1) {
      const runs = await Promise.all([
        cluster.run({ prompt: `My card 4539 1488 0343 6467 was charged twice (${round}).` }),
        cluster.run({ prompt: `Draft a short apology to jane.doe${round}@example.com for the delay.` }),
        cluster.run({ prompt: `Summarise the rules of chess in one line (${round}).` }),
      ]);
      kinds.sensitive.push(runs[0].handle.workflowId);
      kinds.redacted.push(runs[1].handle.workflowId);
      kinds.public.push(runs[2].handle.workflowId);
      // Every cloud attempt fails (3 tries per the policy's retry), so the workflow falls back to local.
      cluster.cloudModels.injectFailures({ status: 500, count: 3 });
      const fallback = await cluster.run({ prompt: `Explain binary search in two sentences (${round}).` });
      kinds.fallback.push(fallback.handle.workflowId);
    }

    const report = await auditRange(
      { since, until: new Date(Date.now() + 1_000), query: `TaskQueue = "${cluster.controlQueue}"` },
      { client: cluster.client, dataConverter: testDataConverter, classifier: createDefaultClassifier(), policy: cluster.policy, workflowBundle: await workflowBundle() },
    );
    console.log(`audit: ${report.totals.runs} runs read, decoded, re-classified and replayed at ${report.runsPerSecond.toFixed(1)} runs/s`);
    const byId = new Map(report.runs.map((run) => [run.workflowId, run]));
    expect(report.totals.runs).toBe(4 * ROUNDS);
    expect(report.totals.violations).toBe(0);
    expect(report.totals.replayed).toBe(4 * ROUNDS);

    for (const id of kinds.sensitive) {
      const run = byId.get(id)!;
      expect(run.dataClass).toBe('restricted');
      expect(run.dispatches.map((dispatch) => [dispatch.kind, dispatch.outcome])).toEqual([['local', 'completed']]);
    }
    for (const id of kinds.redacted) {
      const cloud = byId.get(id)!.dispatches.filter((dispatch) => dispatch.kind === 'cloud');
      expect(cloud.length).toBeGreaterThan(0);
      for (const dispatch of cloud) expect(dispatch).toMatchObject({ redacted: true, backend: 'cloud-openai', inputClass: 'public' });
    }
    for (const id of kinds.public) expect(byId.get(id)!.dispatches[0]).toMatchObject({ kind: 'cloud', redacted: false, outcome: 'completed', model: 'double-large' });
    for (const id of kinds.fallback) {
      const dispatches = byId.get(id)!.dispatches;
      expect(dispatches[0]).toMatchObject({ kind: 'cloud', outcome: 'failed' });
      expect(dispatches[0]!.error).toMatch(/500/);
      expect(dispatches.at(-1)).toMatchObject({ kind: 'local', outcome: 'completed' });
    }
    // Every run names the policy it loaded by version and content hash, checked against its record.
    const policies = new Set(report.runs.map((run) => JSON.stringify(run.policies)));
    expect([...policies].map((text) => JSON.parse(text) as unknown)).toEqual([[{ policyVersion: cluster.policy.version, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) as unknown, verified: true }]]);
    expect(auditTable(report)).toContain(`violations 0`);
    expect(auditTable(report)).toContain(`sha256:${report.runs[0]!.policies[0]!.sha256.slice(0, 12)} ✓`);
  }, 60_000 + ROUNDS * 15_000);

  it('flags a run built to send a card number to a cloud queue and to accept a decision from an unlisted reviewer', async () => {
    const fixturePath = fileURLToPath(new URL('./fixtures/planted-workflow.ts', import.meta.url));
    const fixtureQueue = `switchyard-fixture-${randomUUID().slice(0, 8)}`;
    const cloudQueue = `switchyard-cloud-planted-${randomUUID().slice(0, 8)}`;
    const connection = await connectWorker(inject('temporalAddress'));
    const [served] = servedBackends(cluster.policy, 'cloud', { TEST_CLOUD_KEY });
    // A misconfigured deployment: a cloud queue served without the re-check.
    const workers = [
      await Worker.create({ connection, taskQueue: fixtureQueue, workflowsPath: fixturePath, dataConverter: testDataConverter }),
      await Worker.create({ connection, taskQueue: cloudQueue, dataConverter: testDataConverter, activities: createInferenceActivities({ backends: createBackendRegistry([createBackend(served!.connection)]) }) }),
    ];
    const workflowId = `planted-${randomUUID()}`;
    const running = workers.map((worker) => worker.run());
    try {
      const handle = await cluster.client.workflow.start('plantedViolation', { taskQueue: fixtureQueue, workflowId, args: ['Charge my card 4539 1488 0343 6467 again', cloudQueue] });
      await handle.executeUpdate(submitReviewUpdate, { args: [{ action: 'approve', reviewer: 'mallory' }] });
      await handle.result();
    } finally {
      for (const worker of workers) if (worker.getState() === 'RUNNING') worker.shutdown();
      await Promise.allSettled(running);
      await connection.close();
    }

    const report = await auditRange(
      { since, until: new Date(Date.now() + 1_000), query: `WorkflowId = "${workflowId}"` },
      {
        client: cluster.client,
        dataConverter: testDataConverter,
        classifier: createDefaultClassifier(),
        policy: cluster.policy,
        workflowBundle: await bundleWorkflowCode({ workflowsPath: fixturePath, failureConverterPath, logger: new DefaultLogger('WARN') }),
      },
    );
    expect(report.runs).toHaveLength(1);
    const [run] = report.runs;
    expect(run!.replay).toBe('ok');
    expect(run!.violations.map((violation) => violation.kind).sort()).toEqual(['sensitive-to-cloud', 'unlisted-reviewer']);
    expect(run!.violations.find((violation) => violation.kind === 'sensitive-to-cloud')!.message).toMatch(/CREDIT_CARD.*restricted|restricted.*CREDIT_CARD/);
    expect(run!.violations.find((violation) => violation.kind === 'unlisted-reviewer')!.message).toContain('mallory');
    expect(report.totals.violations).toBe(2);
    // The planted workflow never loaded a policy.
    expect(run!.policies).toEqual([]);
  });

  it("flags runs whose policy record no longer holds the content their history's hash names", async () => {
    const { handle } = await cluster.run({ prompt: 'Name a planet.' });
    const query = `WorkflowId = "${handle.workflowId}"`;
    const deps = { client: cluster.client, dataConverter: testDataConverter, classifier: createDefaultClassifier(), policy: cluster.policy, workflowBundle: await workflowBundle() };
    const before = await auditRange({ since, until: new Date(Date.now() + 1_000), query }, deps);
    const { sha256 } = before.runs[0]!.policies[0]!;
    // Someone ends the record and starts one with other content under the same id.
    const record = cluster.client.workflow.getHandle(policyRecordId(sha256));
    await record.terminate('test: replace the record');
    const forged = defaultPayloadConverter.toPayload(policySnapshot({ ...cluster.policy, version: 'forged' }));
    await cluster.client.workflowService.startWorkflowExecution({
      namespace: 'default',
      workflowId: policyRecordId(sha256),
      workflowType: { name: POLICY_RECORD_WORKFLOW_TYPE },
      taskQueue: { name: POLICY_RECORD_TASK_QUEUE },
      input: { payloads: await encodeWith(testDataConverter.payloadCodecs!, [forged]) },
      requestId: randomUUID(),
    });

    const after = await auditRange({ since, until: new Date(Date.now() + 1_000), query }, deps);
    const [run] = after.runs;
    expect(run!.policies).toEqual([{ policyVersion: cluster.policy.version, sha256, verified: false }]);
    expect(run!.replay).toBe('failed');
    expect(run!.violations.map((violation) => violation.kind).sort()).toEqual(['policy-record', 'replay-failed']);
    expect(run!.violations.find((violation) => violation.kind === 'policy-record')!.message).toMatch(/holds content with sha256 [0-9a-f]{64}, not the/);
  });
});
