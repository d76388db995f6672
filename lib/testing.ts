/**
 * `switchyard/testing`: what a user's tests need to run routed workflows for real: the Temporal dev
 * server (with Switchyard's search attributes), the model-server double (OpenAI and Ollama wire,
 * failure injection, request log) and Switchyard's workers around the user's workflows.
 */
import type { DataConverter } from '@temporalio/common';
import type { NativeConnection, Worker } from '@temporalio/worker';
import type { Classifier } from '../classification/classifier.js';
import { createDefaultClassifier } from '../classification/default-classifier.js';
import type { Policy } from '../routing/policy-schema.js';
import { createControlWorker, createInferenceWorkers } from '../workers/create-workers.js';
import { connectWorker, installQuietRuntime } from '../workers/worker-runtime.js';

export { startDevServer, type DevServer, type DevServerOptions } from '../temporal/dev-server.js';
export { startModelServer, defaultDoubleModels, type InjectedFailure, type ModelServer, type ModelServerOptions, type RecordedRequest, type ScriptedAnswer, type AnswerFunction, type ChatCall } from '../test/doubles/model-server.js';

/** What `startWorkers` needs: where Temporal is, the policy, and the user's workflows. */
export interface TestWorkersOptions {
  address: string;
  namespace?: string;
  policy: Policy;
  /** The control worker's task queue (use a unique one per test file). */
  taskQueue: string;
  workflowsPath?: string;
  activities?: Record<string, (...args: never[]) => Promise<unknown>>;
  dataConverter?: DataConverter;
  /** Environment of the cloud workers (their API keys); no cloud workers when omitted. */
  cloudEnv?: NodeJS.ProcessEnv;
  classifier?: Classifier;
  knowledgeDir?: string;
}

/** Running test workers; `close()` shuts them down and closes their connection. */
export interface TestWorkers {
  workers: Worker[];
  connection: NativeConnection;
  close(): Promise<void>;
}

/** Start the control worker (with the user's workflows) and the local (and cloud) inference workers. */
export async function startWorkers(options: TestWorkersOptions): Promise<TestWorkers> {
  installQuietRuntime('ERROR');
  const connection = await connectWorker(options.address);
  const classifier = options.classifier ?? createDefaultClassifier();
  const target = { connection, namespace: options.namespace, dataConverter: options.dataConverter };
  const workers = [
    await createControlWorker({ ...target, policy: options.policy, classifier, taskQueue: options.taskQueue, workflowsPath: options.workflowsPath, activities: options.activities, knowledgeDir: options.knowledgeDir }),
    ...(await createInferenceWorkers({ ...target, policy: options.policy, kind: 'local', env: {} })),
    ...(options.cloudEnv ? await createInferenceWorkers({ ...target, policy: options.policy, kind: 'cloud', env: options.cloudEnv, classifier }) : []),
  ];
  const running = workers.map((worker) => worker.run());
  return {
    workers,
    connection,
    async close() {
      for (const worker of workers) if (worker.getState() === 'RUNNING') worker.shutdown();
      await Promise.allSettled(running);
      await connection.close();
    },
  };
}
