/**
 * Vitest global setup: one real Temporal dev server (the CLI's, SQLite, headless) for the whole run,
 * on a fresh data folder and its own port, so tests never touch the demo's server or history.
 * With SWITCHYARD_TEST_TEMPORAL_ADDRESS set, the run uses that server instead (`npm run
 * test:production`: the PostgreSQL-backed server of scripts/setup-production-server.sh).
 */
import { rm } from 'node:fs/promises';
import { Connection } from '@temporalio/client';
import type { TestProject } from 'vitest/node';
import { startDevServer, type DevServer } from '../temporal/dev-server.js';
import { searchAttributes } from '../temporal/search-attributes.js';
import { freePort } from './harness/free-port.js';

declare module 'vitest' {
  export interface ProvidedContext {
    temporalAddress: string;
  }
}

let server: DevServer | undefined;
let dataDir: string | undefined;

/** The environment variable naming an existing Temporal server for the tests. */
export const EXISTING_SERVER_ENV = 'SWITCHYARD_TEST_TEMPORAL_ADDRESS';

export async function setup(project: TestProject): Promise<void> {
  const existing = process.env[EXISTING_SERVER_ENV];
  if (existing) {
    await checkExistingServer(existing);
    project.provide('temporalAddress', existing);
    return;
  }
  // Own folder and port per run, so two test runs on one machine never share a server or a file.
  dataDir = `.data/test-temporal-${process.pid}`;
  await rm(dataDir, { recursive: true, force: true });
  const port = process.env.SWITCHYARD_TEST_TEMPORAL_PORT ? Number(process.env.SWITCHYARD_TEST_TEMPORAL_PORT) : await freePort();
  server = await startDevServer({ dataDir, port, headless: true, readyTimeoutMs: 180_000, log: (message) => console.error(message) });
  project.provide('temporalAddress', server.address);
}

export async function teardown(): Promise<void> {
  await server?.stop();
  // SWITCHYARD_KEEP_TEST_DATA=1 keeps the folder (SQLite + temporal.log) for a post-mortem.
  if (dataDir && !process.env.SWITCHYARD_KEEP_TEST_DATA) await rm(dataDir, { recursive: true, force: true });
}

/**
 * Fail the run at once, naming the cause, when the given server is down or its namespace lacks
 * Switchyard's search attributes: otherwise every test would time out on a stuck workflow task.
 */
async function checkExistingServer(address: string): Promise<void> {
  let connection: Connection;
  try {
    connection = await Connection.connect({ address, connectTimeout: 5_000 });
  } catch (error) {
    throw new Error(`${EXISTING_SERVER_ENV}=${address}, but no Temporal server answers there (${(error as Error).message}); start it with npm run setup:production-server`);
  }
  try {
    const registered = Object.keys((await connection.operatorService.listSearchAttributes({ namespace: 'default' })).customAttributes ?? {});
    const missing = Object.values(searchAttributes).map((key) => key.name).filter((name) => !registered.includes(name));
    if (missing.length > 0) {
      throw new Error(`The Temporal server at ${address} lacks search attributes ${missing.join(', ')} on namespace default; run deploy/temporal/setup-namespace.sh (npm run setup:production-server does)`);
    }
  } finally {
    await connection.close();
  }
}
