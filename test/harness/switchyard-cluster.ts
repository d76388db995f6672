/**
 * A whole Switchyard deployment inside a test process, on the real Temporal dev server: a control
 * worker, local and cloud inference workers, and model-server doubles behind them (one speaking
 * Ollama for local, one speaking OpenAI for cloud). Every queue name is unique to the cluster.
 */
import { randomUUID } from 'node:crypto';
import { Client, Connection, type WorkflowHandle } from '@temporalio/client';
import type { Worker } from '@temporalio/worker';
import { inject } from 'vitest';
import type { Classifier } from '../../classification/classifier.js';
import { createDefaultClassifier } from '../../classification/default-classifier.js';
import type { Policy } from '../../routing/policy-schema.js';
import { initialSearchAttributes } from '../../lib/client.js';
import { routedTask } from '../../workflows/routed-task.js';
import type { RoutedTaskInput, RoutedTaskResult } from '../../workflows/routed-task-types.js';
import { createControlWorker, createInferenceWorkers } from '../../workers/create-workers.js';
import { connectWorker, installQuietRuntime } from '../../workers/worker-runtime.js';
import { startModelServer, type ModelServer } from '../doubles/model-server.js';
import { sensitiveStaysLocalPolicy } from './test-policy.js';
import { loadDataConverter } from '../../temporal/data-converter.js';

/** The key the cloud double expects; only the cloud workers are given it. */
export const TEST_CLOUD_KEY = 'sk-test-cloud-key-for-the-double';

/** The tests' payload keys (two, so rotation is exercised): the first encrypts, both decrypt. */
export const TEST_PAYLOAD_KEYS = 'test-2:QkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkI=,test-1:QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUE=';

/** The DataConverter every test client and worker uses (AES-GCM codec over TEST_PAYLOAD_KEYS). */
export const testDataConverter = loadDataConverter({ env: { SWITCHYARD_PAYLOAD_KEYS: TEST_PAYLOAD_KEYS } });

/** A running test deployment. */
export interface SwitchyardCluster {
  client: Client;
  policy: Policy;
  controlQueue: string;
  localModels: ModelServer;
  cloudModels: ModelServer;
  workers: Worker[];
  /** Start a routed task on this cluster's control queue. */
  start(input: RoutedTaskInput, workflowId?: string): Promise<WorkflowHandle<typeof routedTask>>;
  /**
   * Start inference workers of a kind later (a pool coming back after an outage, or workers that need
   * a URL known only once the cluster runs, such as a gateway's for SWITCHYARD_STREAM_SINKS): `env` is
   * their environment (cloud workers also get TEST_CLOUD_KEY).
   */
  addInferenceWorkers(kind: 'local' | 'cloud', env?: NodeJS.ProcessEnv): Promise<void>;
  /** Start and wait for the result. */
  run(input: RoutedTaskInput): Promise<{ handle: WorkflowHandle<typeof routedTask>; result: RoutedTaskResult }>;
  close(): Promise<void>;
}

/** Options to vary the deployment per test file. */
export interface ClusterOptions {
  /** Replace the control worker's classifier (fault injection for fail-closed tests). */
  controlClassifier?: Classifier;
  /** Build a different policy from the doubles' URLs. */
  policy?: (targets: { localUrl: string; cloudUrl: string }) => Policy;
  /** Where the control worker finds knowledge collections. */
  knowledgeDir?: string;
  /** Model names the doubles know (default double-small, double-large). */
  models?: string[];
  /** Do not start inference workers of these kinds (to simulate a pool that is down). */
  withoutKinds?: Array<'local' | 'cloud'>;
  /** The control worker's workflows, when a test brings its own (they may call routedStep). */
  workflowsPath?: string;
}

/** Start doubles, workers and a client against the dev server that global setup started. */
export async function startSwitchyardCluster(options: ClusterOptions = {}): Promise<SwitchyardCluster> {
  // Tests provoke failures on purpose; the worker's WARN lines for them would bury real problems.
  installQuietRuntime('ERROR');
  const address = inject('temporalAddress');
  const localModels = await startModelServer(options.models ? { models: options.models } : {});
  const cloudModels = await startModelServer(options.models ? { models: options.models } : {});
  const policy = (options.policy ?? sensitiveStaysLocalPolicy)({ localUrl: localModels.ollamaUrl, cloudUrl: cloudModels.openaiUrl });
  const controlQueue = `switchyard-control-test-${randomUUID().slice(0, 8)}`;
  const workerConnection = await connectWorker(address);
  const classifier = createDefaultClassifier();
  const createInferenceWorkersOf = (kind: 'local' | 'cloud', env: NodeJS.ProcessEnv = {}) =>
    kind === 'local'
      ? createInferenceWorkers({ connection: workerConnection, dataConverter: testDataConverter, policy, kind: 'local', env })
      : createInferenceWorkers({ connection: workerConnection, dataConverter: testDataConverter, policy, kind: 'cloud', env: { ...env, TEST_CLOUD_KEY }, classifier });
  const workers = [
    await createControlWorker({ connection: workerConnection, dataConverter: testDataConverter, policy, classifier: options.controlClassifier ?? classifier, taskQueue: controlQueue, knowledgeDir: options.knowledgeDir, workflowsPath: options.workflowsPath }),
  ];
  for (const kind of ['local', 'cloud'] as const) {
    if (!options.withoutKinds?.includes(kind)) workers.push(...(await createInferenceWorkersOf(kind)));
  }
  const running = workers.map((worker) => worker.run());
  const connection = await Connection.connect({ address });
  const client = new Client({ connection, dataConverter: testDataConverter });

  const start = (input: RoutedTaskInput, workflowId = `test-${randomUUID()}`) =>
    client.workflow.start(routedTask, { taskQueue: controlQueue, workflowId, args: [input], typedSearchAttributes: initialSearchAttributes(input?.metadata) });
  return {
    client,
    policy,
    controlQueue,
    localModels,
    cloudModels,
    workers,
    start,
    async addInferenceWorkers(kind, env) {
      const added = await createInferenceWorkersOf(kind, env);
      workers.push(...added);
      running.push(...added.map((worker) => worker.run()));
    },
    async run(input) {
      const handle = await start(input);
      return { handle, result: await handle.result() };
    },
    async close() {
      for (const worker of workers) if (worker.getState() === 'RUNNING') worker.shutdown();
      await Promise.allSettled(running);
      await connection.close();
      await workerConnection.close();
      await Promise.all([localModels.close(), cloudModels.close()]);
    },
  };
}
