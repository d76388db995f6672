/**
 * Vitest global setup: one real Temporal dev server (the CLI's, SQLite, headless) for the whole run,
 * on a fresh data folder and its own port, so tests never touch the demo's server or history.
 */
import { rm } from 'node:fs/promises';
import type { TestProject } from 'vitest/node';
import { startDevServer, type DevServer } from '../temporal/dev-server.js';
import { freePort } from './harness/free-port.js';

declare module 'vitest' {
  export interface ProvidedContext {
    temporalAddress: string;
  }
}

let server: DevServer | undefined;
let dataDir: string | undefined;

export async function setup(project: TestProject): Promise<void> {
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
