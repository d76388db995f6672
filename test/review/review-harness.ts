/**
 * The review app on the real Temporal dev server for tests: a worker running the fixture workflow on
 * a unique task queue, a client, reviewer accounts, and the app served on a free 127.0.0.1 port.
 */
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { Client, Connection, type WorkflowHandle } from '@temporalio/client';
import { Worker } from '@temporalio/worker';
import { inject } from 'vitest';
import { hashPassword, hashToken } from '../../review/password-hash.js';
import { reviewAccessFromPolicy } from '../../review/review-access.js';
import { createReviewApp } from '../../review/review-app.js';
import type { Policy } from '../../routing/policy-schema.js';
import { createReviewerDirectory } from '../../review/reviewers-config.js';
import { searchAttributes } from '../../temporal/search-attributes.js';
import { connectWorker, installQuietRuntime } from '../../workers/worker-runtime.js';
import { startPendingTask } from './start-pending-task.js';
import { testDataConverter } from '../harness/switchyard-cluster.js';

/** Test accounts: alice and bob are reviewers the task accepts; mallory can sign in but is not one. */
export const ACCOUNTS = {
  alice: { password: 'correct horse battery staple', name: 'Alice Reviewer', token: 'syr_test-token-alice' },
  bob: { password: 'bob-password-1234', name: 'Bob Reviewer', token: 'syr_test-token-bob' },
  mallory: { password: 'mallory-password-1234', name: 'Mallory Outsider', token: 'syr_test-token-mallory' },
} as const;

/**
 * The policy's review section the tests run under: alice and bob are the reviewers (mallory has an
 * account but is not one); both see support tasks, only bob sees finance tasks.
 */
export const TEST_REVIEW: Policy['review'] = {
  reviewers: ['alice', 'bob'],
  slaMs: 600_000,
  onExpiry: 'return-unreviewed',
  groups: [
    { name: 'support', reviewers: ['alice', 'bob'], departments: ['support'], applications: [] },
    { name: 'finance', reviewers: ['bob'], departments: ['finance'], applications: [] },
  ],
  decisionKeys: [],
};

/** The access every test app uses. */
export const testAccess = reviewAccessFromPolicy(TEST_REVIEW);

/** A running review app with its Temporal side. */
export interface ReviewHarness {
  url: string;
  client: Client;
  taskQueue: string;
  /** Start a pending task and wait until the queue's visibility query sees it. */
  startTask(input?: Parameters<typeof startPendingTask>[2]): Promise<WorkflowHandle>;
  close(): Promise<void>;
}

const fixturePath = fileURLToPath(new URL('./fixtures/review-fixture-workflow.ts', import.meta.url));

/** Start worker (unless `withWorker: false`, for tests that start no task), client and app. */
export async function startReviewHarness(options: { withWorker?: boolean } = {}): Promise<ReviewHarness> {
  installQuietRuntime('ERROR');
  const address = inject('temporalAddress');
  const taskQueue = `review-test-${randomUUID().slice(0, 8)}`;
  // Bundling the workflow costs seconds on 2 cores: skip it where no task runs.
  const workerConnection = options.withWorker === false ? null : await connectWorker(address);
  const worker = workerConnection ? await Worker.create({ connection: workerConnection, taskQueue, workflowsPath: fixturePath, dataConverter: testDataConverter }) : null;
  const running = worker?.run();
  const connection = await Connection.connect({ address });
  const client = new Client({ connection, dataConverter: testDataConverter });

  const reviewers = createReviewerDirectory({
    reviewers: await Promise.all(
      Object.entries(ACCOUNTS).map(async ([id, account]) => ({ id, name: account.name, passwordHash: await hashPassword(account.password), tokenHashes: [hashToken(account.token)] })),
    ),
  });
  // Short timeouts: other test files may leave pending tasks whose workers are gone.
  const served = await serveReviewApp(createReviewApp({ client, reviewers, access: testAccess, queryTimeoutMs: 2_000, updateTimeoutMs: 15_000 }));

  const started: WorkflowHandle[] = [];
  return {
    url: served.url,
    client,
    taskQueue,
    async startTask(input = {}) {
      const handle = await startPendingTask(client, taskQueue, input);
      started.push(handle);
      await waitUntilPending(client, handle.workflowId);
      return handle;
    },
    async close() {
      // Leave no task waiting for a reviewer who will never come.
      await Promise.allSettled(started.map((handle) => handle.terminate('review test finished')));
      await served.close();
      worker?.shutdown();
      await running;
      await connection.close();
      await workerConnection?.close();
    },
  };
}

/** Serve a review app on a port the kernel picks on 127.0.0.1, so concurrent runs never collide. */
export async function serveReviewApp(app: ReturnType<typeof createReviewApp>): Promise<{ url: string; close(): Promise<void> }> {
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Poll visibility until the workflow is listed as pending (visibility trails the workflow by a moment). */
export async function waitUntilPending(client: Client, workflowId: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const { count } = await client.workflow.count(`WorkflowId = '${workflowId}' AND ${searchAttributes.reviewState.name} = 'pending'`);
    if (count > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${workflowId} never showed up as pending in visibility`);
}
