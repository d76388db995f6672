/**
 * `switchyard/testing`: what a user's tests need to run routed workflows for real: the Temporal dev
 * server (with Switchyard's search attributes), the model-server double (OpenAI and Ollama wire,
 * failure injection, request log) and Switchyard's workers around the user's workflows.
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Client } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import type { NativeConnection, Worker } from '@temporalio/worker';
import type { Classifier } from '../classification/classifier.js';
import { createDefaultClassifier } from '../classification/default-classifier.js';
import type { Policy } from '../routing/policy-schema.js';
import { loadDataConverter } from '../temporal/data-converter.js';
import { createControlWorker, createInferenceWorkers } from '../workers/create-workers.js';
import { connectWorker, installQuietRuntime } from '../workers/worker-runtime.js';
import { generateSigningKeyPair } from '../review/decision-keys.js';
import { createDecisionSigner } from '../review/decision-signature.js';
import { hashPassword, hashToken } from '../review/password-hash.js';
import { reviewAccessFromPolicy } from '../review/review-access.js';
import { createReviewApp } from '../review/review-app.js';
import { createReviewerDirectory } from '../review/reviewers-config.js';
import type { ReviewDecision } from '../workflows/review-definitions.js';

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
  // One data converter (its keyring read once) for every worker of the set.
  const target = { connection, namespace: options.namespace, dataConverter: options.dataConverter ?? loadDataConverter() };
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

/** A review app served on a free loopback port for a user's tests, with one API token per reviewer. */
export interface TestReviewApp {
  url: string;
  /** The public key of the app's decision signatures: put it in the workers' policy (`review.decisionKeys`). */
  publicKey: string;
  /** Decide a waiting task through the app's HTTP API as this reviewer (the app signs the decision). */
  decide(reviewer: string, workflowId: string, decision: Omit<ReviewDecision, 'reviewer'>): Promise<{ status: number; body: unknown }>;
  close(): Promise<void>;
}

/**
 * Start the review app for tests: accounts for the policy's reviewers (each gets an API token), the
 * policy's review groups, and a fresh signing key. Give the workers `withReviewKey(policy, app)` so
 * their Update validator accepts only this app's signed decisions, as in production.
 */
export async function startReviewApp(options: { client: Client; policy: Policy }): Promise<TestReviewApp> {
  const keys = generateSigningKeyPair();
  const tokens = new Map(options.policy.review.reviewers.map((id) => [id, `syr_test_${randomBytes(12).toString('hex')}`]));
  const reviewers = createReviewerDirectory({
    reviewers: await Promise.all(
      [...tokens].map(async ([id, token]) => ({ id, name: id, passwordHash: await hashPassword(randomBytes(16).toString('hex')), tokenHashes: [hashToken(token)] })),
    ),
  });
  const app = createReviewApp({ client: options.client, reviewers, access: reviewAccessFromPolicy(options.policy.review), signer: createDecisionSigner(keys.secretKey) });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    publicKey: keys.publicKey,
    async decide(reviewer, workflowId, decision) {
      const token = tokens.get(reviewer);
      if (!token) throw new Error(`${reviewer} is not a reviewer of this policy (reviewers: ${[...tokens.keys()].join(', ')})`);
      const response = await fetch(`${url}/api/tasks/${encodeURIComponent(workflowId)}/decision`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(decision),
      });
      return { status: response.status, body: (await response.json()) as unknown };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The policy with the test review app's public key as its only decision key. */
export function withReviewKey(policy: Policy, app: Pick<TestReviewApp, 'publicKey'>): Policy {
  return { ...policy, review: { ...policy.review, decisionKeys: [app.publicKey] } };
}
