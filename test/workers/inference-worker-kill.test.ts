/**
 * A lost inference attempt is noticed through heartbeats: the local inference worker (its own
 * process) is killed with SIGKILL while the backend call is in flight, a new one is started, and
 * the request still finishes, on the retry, well before the start-to-close timeout would fire.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import proto from '@temporalio/proto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startSwitchyardCluster, TEST_PAYLOAD_KEYS, type SwitchyardCluster } from '../harness/switchyard-cluster.js';
import { sensitiveStaysLocalPolicy, sensitiveStaysLocalYaml } from '../harness/test-policy.js';

const { TimeoutType } = proto.temporal.api.enums.v1;

/** Start the local inference worker process; resolves once it has built its workers. */
async function startLocalWorker(env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'workers/local-worker.ts'], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('local inference worker: policy')) resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code, signal) => reject(new Error(`local worker exited with ${signal ?? code} before it was ready:\n${output}`)));
  });
  return child;
}

async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

describe('an inference worker killed during an attempt', () => {
  let cluster: SwitchyardCluster;
  let directory: string;
  let workerEnv: NodeJS.ProcessEnv;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    const suffix = randomUUID().slice(0, 8);
    directory = await mkdtemp(join(tmpdir(), 'switchyard-kill-'));
    const policyFile = join(directory, 'policy.yaml');
    // The control worker runs in this process; the local inference worker is a separate process on the same policy.
    cluster = await startSwitchyardCluster({
      withoutKinds: ['local'],
      policy: (targets) => sensitiveStaysLocalPolicy({ ...targets, suffix }),
    });
    await writeFile(policyFile, sensitiveStaysLocalYaml({ localUrl: cluster.localModels.ollamaUrl, cloudUrl: cluster.cloudModels.openaiUrl, suffix }));
    workerEnv = { TEMPORAL_ADDRESS: inject('temporalAddress'), SWITCHYARD_POLICY: policyFile, SWITCHYARD_PAYLOAD_KEYS: TEST_PAYLOAD_KEYS };
  });

  afterAll(async () => {
    await Promise.all(children.map(kill));
    await cluster?.close();
    if (directory) await rm(directory, { recursive: true, force: true });
  });

  it('is retried on a restarted worker after the heartbeat timeout, and the request finishes within 30 s of the restart', async () => {
    children.push(await startLocalWorker(workerEnv));
    // The first call is never answered: the attempt is in flight when its worker dies.
    cluster.localModels.hangNext(1);
    const handle = await cluster.start({ prompt: 'Please reply to jane.doe@example.com about the offsite.' });
    while (cluster.localModels.chats().length === 0) await sleep(50);
    await kill(children[0]!);

    children.push(await startLocalWorker(workerEnv));
    const restarted = performance.now();
    const result = await handle.result();
    const afterRestartMs = performance.now() - restarted;

    expect(result.status).toBe('answered');
    expect(result.decision.backendKind).toBe('local');
    expect(result.answer).toContain('echo:');
    expect(cluster.localModels.chats()).toHaveLength(2);
    // The answering attempt is the second, and what ended the first was the heartbeat timeout.
    const history = await handle.fetchHistory();
    const started = history.events!.filter((event) => event.activityTaskStartedEventAttributes).map((event) => event.activityTaskStartedEventAttributes!);
    const inference = started.find((attributes) => attributes.attempt === 2);
    expect(inference?.lastFailure?.timeoutFailureInfo?.timeoutType).toBe(TimeoutType.TIMEOUT_TYPE_HEARTBEAT);
    // Bound from the configuration: heartbeat timeout (10 s, workflows/inference-step.ts) + retry interval (≤ 1 s) + one call.
    expect(afterRestartMs).toBeLessThan(30_000);
  }, 120_000);
});
