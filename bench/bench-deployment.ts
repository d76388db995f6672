/**
 * What every process-level bench starts the same way: the model-server double in its own process, a
 * test policy pointing at it, a control queue of its own and a fresh payload key, plus the
 * environment every Switchyard process of the run shares.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sensitiveStaysLocalYaml } from '../test/harness/test-policy.js';
import { startTsProcess, type BenchProcess } from './bench-processes.js';

/** The double, the policy and the shared environment of one bench run. */
export interface BenchBackbone {
  /** The double's base URL (Ollama wire at the root, OpenAI wire under /v1). */
  url: string;
  double: BenchProcess;
  controlQueue: string;
  /** Inline payload keys: workers and clients encrypt history payloads as in production. */
  payloadKeys: string;
  /** Environment for every Switchyard process of the run (cloud workers add their key). */
  processEnv: Record<string, string>;
}

/** Start the double and write the policy into `dir`; the caller stops `double`. */
export async function startBenchBackbone(dir: string, temporalAddress: string, queuePrefix: string): Promise<BenchBackbone> {
  const double = startTsProcess('model-server double', 'bench/model-server-process.ts');
  const { url } = JSON.parse(await double.waitFor(/^\{"url"/)) as { url: string };
  const suffix = randomUUID().slice(0, 8);
  const policyFile = join(dir, 'policy.yaml');
  await writeFile(policyFile, sensitiveStaysLocalYaml({ localUrl: url, cloudUrl: `${url}/v1`, suffix }).replace('TEST_CLOUD_KEY', 'BENCH_CLOUD_KEY'));
  const controlQueue = `${queuePrefix}-${suffix}`;
  const payloadKeys = `bench:${randomBytes(32).toString('base64')}`;
  const processEnv = { SWITCHYARD_PAYLOAD_KEYS: payloadKeys, TEMPORAL_ADDRESS: temporalAddress, SWITCHYARD_POLICY: policyFile, SWITCHYARD_CONTROL_QUEUE: controlQueue, SWITCHYARD_KNOWLEDGE_DIR: join(dir, 'knowledge') };
  return { url, double, controlQueue, payloadKeys, processEnv };
}

/**
 * Start the control worker of a bench run; benches never review, so unsigned review decisions are
 * allowed. `root`: run another checkout's worker (an A/B comparison of two versions).
 */
export function startBenchControlWorker(backbone: BenchBackbone, root?: string, env: Record<string, string> = {}): BenchProcess {
  return startTsProcess('control worker', 'workers/control-worker.ts', { ...backbone.processEnv, SWITCHYARD_ALLOW_UNSIGNED_REVIEW: '1', ...env }, root);
}
