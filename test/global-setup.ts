/**
 * Vitest global setup: one real Temporal dev server (the CLI's, SQLite, headless) for the whole run,
 * on a fresh data folder and its own port, so tests never touch the demo's server or history.
 */
import { rm } from 'node:fs/promises';
import type { TestProject } from 'vitest/node';
import { startDevServer, type DevServer } from '../temporal/dev-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    temporalAddress: string;
  }
}

let server: DevServer | undefined;

export async function setup(project: TestProject): Promise<void> {
  const dataDir = '.data/test-temporal';
  await rm(dataDir, { recursive: true, force: true });
  const port = Number(process.env.SWITCHYARD_TEST_TEMPORAL_PORT ?? 7633);
  server = await startDevServer({ dataDir, port, headless: true, readyTimeoutMs: 180_000, log: (message) => console.error(message) });
  project.provide('temporalAddress', server.address);
}

export async function teardown(): Promise<void> {
  await server?.stop();
}
