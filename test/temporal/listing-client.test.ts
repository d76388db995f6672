/**
 * A run encrypted under a key this process does not hold (another application's runs in the
 * namespace, a retired key) must not take down the listings of every other run: stats, the review
 * queue and the audit list through `listingClient`, which marks such a memo as unreadable.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readRunFacts, UNREADABLE_TASK_TYPE } from '../../cli/escalation-stats.js';
import { initialSearchAttributes } from '../../lib/client.js';
import { loadDataConverter } from '../../temporal/data-converter.js';
import { listingClient, unreadableMemo } from '../../temporal/listing-client.js';
import { testDataConverter } from '../harness/switchyard-cluster.js';

let connection: Connection;
let ours: Client;
let theirs: Client;
const started: string[] = [];

beforeAll(async () => {
  connection = await Connection.connect({ address: inject('temporalAddress') });
  ours = new Client({ connection, dataConverter: testDataConverter });
  // Another application on the same namespace, with a key our keyring does not hold.
  theirs = new Client({ connection, dataConverter: loadDataConverter({ env: { SWITCHYARD_PAYLOAD_KEYS: `other-app:${randomBytes(32).toString('base64')}` } }) });
});

afterAll(async () => {
  // Nothing polls the queue: the runs only exist to be listed.
  await Promise.all(started.map((id) => ours.workflow.getHandle(id).terminate('listing test done').catch(() => undefined)));
  await connection?.close();
});

async function startUnpolled(client: Client, taskType: string): Promise<string> {
  const workflowId = `listing-${randomUUID()}`;
  await client.workflow.start('routedTask', {
    taskQueue: `listing-test-${randomUUID()}`,
    workflowId,
    args: [{ prompt: 'listing test' }],
    memo: { taskType },
    typedSearchAttributes: initialSearchAttributes(),
  });
  started.push(workflowId);
  return workflowId;
}

describe('listing runs whose memo this process cannot decrypt', () => {
  it('marks the unreadable run and still reads every other one, where the plain listing fails', async () => {
    const readable = await startUnpolled(ours, 'ours');
    const foreign = await startUnpolled(theirs, 'theirs');
    const query = `WorkflowId = '${readable}' OR WorkflowId = '${foreign}'`;
    // Visibility is eventually consistent: wait until both runs are listed.
    let listed: { workflowId: string; memo?: Record<string, unknown> }[] = [];
    for (let attempt = 0; attempt < 50 && listed.length < 2; attempt++) {
      listed = [];
      for await (const info of listingClient(ours).workflow.list({ query })) listed.push(info);
      if (listed.length < 2) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const byId = new Map(listed.map((info) => [info.workflowId, info]));
    expect(byId.get(readable)?.memo).toEqual({ taskType: 'ours' });
    expect(unreadableMemo(byId.get(readable)?.memo)).toBeUndefined();
    expect(unreadableMemo(byId.get(foreign)?.memo)).toMatch(/other-app.*not in the keyring/);

    // The SDK's own listing stops at the foreign run: this is what stats, review and audit used to hit.
    await expect(
      (async () => {
        for await (const info of ours.workflow.list({ query })) void info;
      })(),
    ).rejects.toThrow(/not in the keyring/);

    const facts = await readRunFacts(ours, new Date(Date.now() - 600_000));
    expect(facts.find((run) => run.workflowId === readable)).toMatchObject({ taskType: 'ours' });
    expect(facts.find((run) => run.workflowId === foreign)).toMatchObject({ taskType: UNREADABLE_TASK_TYPE, unreadable: expect.stringContaining('not in the keyring') });
  });
});
