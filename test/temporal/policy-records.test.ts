/**
 * The policy in history once per version (decision 0012) on the real dev server: a routed run's
 * history holds a reference, not the policy; runs under one policy share one record and a new
 * version makes another; a fresh worker with an empty cache replays by fetching the record, and a
 * run from before (policy inline) still replays; a missing or tampered record fails with
 * PolicyRecordError; the codec server shows the policy.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { Client } from '@temporalio/client';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import type { temporal } from '@temporalio/proto';
import { type NativeConnection, Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createControlActivities } from '../../activities/control-activities.js';
import { createDefaultClassifier } from '../../classification/default-classifier.js';
import { parsePolicy } from '../../routing/policy-loader.js';
import type { Policy } from '../../routing/policy-schema.js';
import { createCodecServer } from '../../temporal/codec-server.js';
import { withPolicyRecords } from '../../temporal/data-converter.js';
import { policyReferenceOf, POLICY_REFERENCE_ENCODING } from '../../temporal/policy-claim-codec.js';
import { decodeWith, encodeWith, POLICY_RECORD_TASK_QUEUE, POLICY_RECORD_WORKFLOW_TYPE, policyRecordId, PolicyRecordError, PolicyRecordStore, sha256Hex, type PolicyRecordsTarget } from '../../temporal/policy-records.js';
import { POLICY_SNAPSHOT_PREFIX, policySnapshot } from '../../temporal/policy-snapshot.js';
import { createControlWorker } from '../../workers/create-workers.js';
import { connectWorker, workflowBundle } from '../../workers/worker-runtime.js';
import { routedTask } from '../../workflows/routed-task.js';
import { startSwitchyardCluster, testDataConverter, type SwitchyardCluster } from '../harness/switchyard-cluster.js';
import { sensitiveStaysLocalYaml, type TestPolicyTargets } from '../harness/test-policy.js';

/** A rule name no prompt here matches: it is in the policy and nowhere else. */
const MARKER = 'zq7-only-in-the-policy';
const markedPolicy = (targets: TestPolicyTargets) => parsePolicy(sensitiveStaysLocalYaml(targets).replace('legal-stays-local', `legal-stays-local-${MARKER}`), 'marked.yaml');
const TOKEN = 'operator-token-for-the-policy-record-test-0123';

type ProtoPayload = temporal.api.common.v1.IPayload;

let cluster: SwitchyardCluster;
let target: PolicyRecordsTarget;
beforeAll(async () => {
  cluster = await startSwitchyardCluster({ policy: markedPolicy });
  target = { workflowService: cluster.client.workflowService, namespace: 'default' };
});
afterAll(async () => cluster?.close());

/** Every payload anywhere in a history (inputs, results, markers, memos, failure attributes). */
function payloadsIn(value: unknown, into: ProtoPayload[] = []): ProtoPayload[] {
  if (!value || typeof value !== 'object' || ArrayBuffer.isView(value)) return into;
  if ('data' in value && 'metadata' in value && ArrayBuffer.isView((value as ProtoPayload).data)) into.push(value as ProtoPayload);
  else for (const item of Array.isArray(value) ? value : Object.values(value)) payloadsIn(item, into);
  return into;
}

const asPayload = (payload: ProtoPayload): Payload => ({ metadata: payload.metadata ?? {}, data: payload.data ?? new Uint8Array() });
/** What a reader with the keys but without the policy records sees: decrypted payloads. */
const decrypt = (payloads: ProtoPayload[]) => decodeWith(testDataConverter.payloadCodecs!, payloads.map(asPayload));
const text = (payload: Payload) => Buffer.from(payload.data ?? new Uint8Array()).toString();
const shaOf = (policy: Policy) => sha256Hex(defaultPayloadConverter.toPayload(policySnapshot(policy)).data!);

/** The policy references a run's history holds, decrypted. */
async function referencesOf(history: temporal.api.history.v1.IHistory) {
  return (await decrypt(payloadsIn(history))).map(policyReferenceOf).filter((reference) => reference !== undefined);
}

/** Visibility is eventually consistent: poll until the query counts something. */
async function countEventually(client: Client, query: string): Promise<number> {
  let found = 0;
  for (let attempt = 0; attempt < 50 && found === 0; attempt++) {
    found = (await client.workflow.count(query)).count;
    if (found === 0) await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return found;
}

/** One routed run on a control worker of its own (built by `create` on a fresh queue), then its history; the worker is gone after. */
async function runOnOwnWorker(label: string, prompt: string, create: (connection: NativeConnection, taskQueue: string) => Promise<Worker>) {
  const connection = await connectWorker(inject('temporalAddress'));
  const taskQueue = `switchyard-control-${label}-${randomUUID().slice(0, 8)}`;
  const worker = await create(connection, taskQueue);
  const running = worker.run();
  try {
    const handle = await cluster.client.workflow.start(routedTask, { taskQueue, workflowId: `test-${label}-${randomUUID()}`, args: [{ prompt }] });
    await handle.result();
    return { workflowId: handle.workflowId, history: await handle.fetchHistory() };
  } finally {
    worker.shutdown();
    await running;
    await connection.close();
  }
}

describe('policy in history once per version', () => {
  it('leaves no policy content in a routed run: every payload, decrypted, holds only a reference to the record', async () => {
    const { handle } = await cluster.run({ prompt: 'What is the capital of France?' });
    const history = await handle.fetchHistory();
    const clear = await decrypt(payloadsIn(history));
    // The search reads decrypted payloads: the prompt is there in clear, the policy is not.
    expect(clear.some((payload) => text(payload).includes('capital of France'))).toBe(true);
    expect(clear.filter((payload) => text(payload).includes(MARKER))).toEqual([]);
    expect(clear.filter((payload) => text(payload).startsWith(POLICY_SNAPSHOT_PREFIX))).toEqual([]);
    expect(await referencesOf(history)).toEqual([{ sha256: shaOf(cluster.policy), policyVersion: cluster.policy.version }]);

    // The record holds the content, encrypted, and its content hashes to its id.
    const record = await new PolicyRecordStore(target, testDataConverter.payloadCodecs!).get({ sha256: shaOf(cluster.policy), policyVersion: cluster.policy.version });
    expect(text(record)).toContain(MARKER);
    const recordHistory = await cluster.client.workflow.getHandle(policyRecordId(shaOf(cluster.policy))).fetchHistory();
    expect(JSON.stringify(recordHistory)).not.toContain(MARKER);
  });

  it('keeps one record for two runs under the same policy, and a second for a new version', async () => {
    const [first, second] = await Promise.all([cluster.run({ prompt: 'Name a prime number.' }), cluster.run({ prompt: 'Name a colour.' })]);
    const references = [...(await referencesOf(await first.handle.fetchHistory())), ...(await referencesOf(await second.handle.fetchHistory()))];
    expect(new Set(references.map((reference) => reference.sha256))).toEqual(new Set([shaOf(cluster.policy)]));
    expect(await countEventually(cluster.client, `WorkflowType = '${POLICY_RECORD_WORKFLOW_TYPE}' AND WorkflowId = '${policyRecordId(shaOf(cluster.policy))}'`)).toBe(1);

    // A control worker with the next version of the policy (same backends, its own control queue).
    const next: Policy = { ...cluster.policy, version: `${cluster.policy.version}-next-${randomUUID().slice(0, 6)}` };
    const nextRun = await runOnOwnWorker('next', 'Name a river.', (connection, taskQueue) =>
      createControlWorker({ connection, dataConverter: testDataConverter, policy: next, classifier: createDefaultClassifier(), taskQueue }),
    );
    expect(await referencesOf(nextRun.history)).toEqual([{ sha256: shaOf(next), policyVersion: next.version }]);
    expect(shaOf(next)).not.toBe(shaOf(cluster.policy));
    // No worker holds that version any more: a cold replayer fetches it from its record.
    await Worker.runReplayHistory({ workflowBundle: await workflowBundle(), dataConverter: withPolicyRecords(testDataConverter, target), replayName: 'cold' }, nextRun.history, nextRun.workflowId);
    for (const policy of [cluster.policy, next]) {
      const description = await cluster.client.workflow.getHandle(policyRecordId(shaOf(policy))).describe();
      expect([description.type, description.status.name, description.taskQueue]).toEqual([POLICY_RECORD_WORKFLOW_TYPE, 'RUNNING', POLICY_RECORD_TASK_QUEUE]);
    }
  });

  it('replays a run on a fresh worker with an empty cache by fetching the record, and cannot replay without it', async () => {
    const { handle } = await cluster.run({ prompt: 'How many legs does a spider have?' });
    const history = await handle.fetchHistory();
    const bundle = await workflowBundle();
    // A new store: nothing cached, so the worker fetches the record from Temporal.
    await Worker.runReplayHistory({ workflowBundle: bundle, dataConverter: withPolicyRecords(testDataConverter, target), replayName: 'fresh-worker' }, history, handle.workflowId);
    // Without the records the history alone does not hold the policy the workflow routed with.
    await expect(Worker.runReplayHistory({ workflowBundle: bundle, dataConverter: testDataConverter, replayName: 'no-records' }, history, handle.workflowId)).rejects.toThrow(/workflow task failure/);
  });

  it('still replays a run recorded before policy records, with the bare policy inline', async () => {
    // The control worker as it was: getPolicy returned the policy itself, and no claim check.
    const activities = { ...createControlActivities({ policy: cluster.policy, classifier: createDefaultClassifier() }), getPolicy: () => Promise.resolve(cluster.policy) };
    const old = await runOnOwnWorker('old', 'Name a mountain.', async (connection, taskQueue) =>
      Worker.create({ connection, taskQueue, workflowBundle: await workflowBundle(), dataConverter: testDataConverter, activities }),
    );
    expect((await decrypt(payloadsIn(old.history))).some((payload) => text(payload).includes(MARKER))).toBe(true);
    await Worker.runReplayHistory({ workflowBundle: await workflowBundle(), dataConverter: withPolicyRecords(testDataConverter, target), replayName: 'old-run' }, old.history, old.workflowId);
  });
});

describe('the claim check', () => {
  it('leaves every payload that is not a policy snapshot as it is, even one that quotes the marker', async () => {
    const bound = withPolicyRecords(testDataConverter, target).payloadCodecs![0]!;
    const values = [{ note: POLICY_SNAPSHOT_PREFIX }, POLICY_SNAPSHOT_PREFIX, { switchyardClaim: 'other', version: 'x', policy: {} }, [policySnapshot(cluster.policy)]];
    const payloads = values.map((value) => defaultPayloadConverter.toPayload(value));
    expect(await bound.encode(payloads)).toEqual(payloads);
    // The snapshot itself becomes a reference, about 120 bytes instead of the policy.
    const [reference] = await bound.encode([defaultPayloadConverter.toPayload(policySnapshot(cluster.policy))]);
    expect(policyReferenceOf(reference!)).toEqual({ sha256: shaOf(cluster.policy), policyVersion: cluster.policy.version });
    expect(reference!.data!.length).toBeLessThan(200);
  });
});

describe('a record that is missing or tampered', () => {
  it('fails with a PolicyRecordError naming the problem, for readers and writers alike', async () => {
    const codecs = testDataConverter.payloadCodecs!;
    const missing = randomBytes(32).toString('hex');
    const read = new PolicyRecordStore(target, codecs).get({ sha256: missing, policyVersion: 'gone' });
    await expect(read).rejects.toBeInstanceOf(PolicyRecordError);
    await expect(read).rejects.toMatchObject({ type: 'PolicyRecordError', problem: 'missing', retryable: false });

    // A run's reference resolves through the claim check: a missing record stops the decode.
    const bound = withPolicyRecords(testDataConverter, target).payloadCodecs!;
    const [sealedReference] = await encodeWith(codecs, [{ metadata: { encoding: Buffer.from(POLICY_REFERENCE_ENCODING) }, data: Buffer.from(JSON.stringify({ sha256: missing, policyVersion: 'gone' })) }]);
    await expect(decodeWith(bound, [sealedReference!])).rejects.toMatchObject({ problem: 'missing' });

    // Someone replaced a record by one holding other content under the same id.
    const genuine = defaultPayloadConverter.toPayload(policySnapshot({ ...cluster.policy, version: `genuine-${randomUUID()}` }));
    const forged = defaultPayloadConverter.toPayload(policySnapshot({ ...cluster.policy, version: `forged-${randomUUID()}` }));
    const sha256 = sha256Hex(genuine.data!);
    await target.workflowService.startWorkflowExecution({
      namespace: target.namespace,
      workflowId: policyRecordId(sha256),
      workflowType: { name: POLICY_RECORD_WORKFLOW_TYPE },
      taskQueue: { name: POLICY_RECORD_TASK_QUEUE },
      input: { payloads: await encodeWith(codecs, [forged]) },
      requestId: randomUUID(),
    });
    await expect(new PolicyRecordStore(target, codecs).get({ sha256, policyVersion: 'genuine' })).rejects.toMatchObject({ problem: 'tampered', retryable: false });
    // A control worker with the genuine content refuses to refer to the forged record.
    await expect(new PolicyRecordStore(target, codecs).put(genuine)).rejects.toMatchObject({ problem: 'tampered' });
  });
});

describe('the codec server', () => {
  it("shows an operator the policy a run's reference names, given the records", async () => {
    const { handle } = await cluster.run({ prompt: 'What colour is the sky?' });
    const history = await handle.fetchHistory();
    const sealed = payloadsIn(history).filter((payload) => payload.metadata);
    const [reference] = (await decrypt(sealed)).map((payload, index) => ({ payload: sealed[index]!, reference: policyReferenceOf(payload) })).filter((entry) => entry.reference);
    const body = JSON.stringify({ payloads: [{ metadata: Object.fromEntries(Object.entries(reference!.payload.metadata!).map(([key, value]) => [key, Buffer.from(value).toString('base64')])), data: Buffer.from(reference!.payload.data!).toString('base64') }] });
    const decodeWithServer = async (policyRecords?: PolicyRecordsTarget) => {
      const app = createCodecServer({ codec: testDataConverter.payloadCodecs![0]!, tokens: [TOKEN], uiOrigin: 'http://localhost:1', policyRecords });
      const response = await app.request('/decode', { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` }, body });
      expect(response.status).toBe(200);
      const { payloads } = (await response.json()) as { payloads: Array<{ data: string }> };
      return Buffer.from(payloads[0]!.data, 'base64').toString();
    };
    const shown = await decodeWithServer(target);
    expect(shown.startsWith(POLICY_SNAPSHOT_PREFIX)).toBe(true);
    expect(shown).toContain(MARKER);
    // Without the records, the operator sees the reference: version and hash.
    expect(JSON.parse(await decodeWithServer())).toEqual({ sha256: shaOf(cluster.policy), policyVersion: cluster.policy.version });
  });
});
