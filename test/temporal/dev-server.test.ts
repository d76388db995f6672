/** The dev-server launcher: start, attach to a running one, stop by PID, and clean up a stale PID file. */
import { existsSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { Connection } from '@temporalio/client';
import Long from 'long';
import { describe, expect, it } from 'vitest';
import { searchAttributes } from '../../temporal/search-attributes.js';
import { startDevServer } from '../../temporal/dev-server.js';
import { freePort } from '../harness/free-port.js';

const dataDir = `.data/test-dev-server-${process.pid}`;
const port = await freePort();

async function answers(address: string): Promise<boolean> {
  try {
    const connection = await Connection.connect({ address, connectTimeout: 1_000 });
    await connection.close();
    return true;
  } catch {
    return false;
  }
}

describe('dev-server launcher', () => {
  it('starts a server with the search attributes registered and its metrics on the given port, attaches to it, and stops it by PID', { timeout: 180_000 }, async () => {
    await rm(dataDir, { recursive: true, force: true });
    const metricsPort = await freePort();
    const server = await startDevServer({ dataDir, port, headless: true, metricsPort });
    try {
      expect(server.owned).toBe(true);
      expect(readFileSync(`${dataDir}/temporal.pid`, 'utf8')).toBe(String(server.pid));
      expect(existsSync(`${dataDir}/temporal.sqlite`)).toBe(true);

      const connection = await Connection.connect({ address: server.address });
      const registered = await connection.operatorService.listSearchAttributes({ namespace: 'default' });
      await connection.close();
      for (const key of Object.values(searchAttributes)) expect(Object.keys(registered.customAttributes ?? {})).toContain(key.name);
      // The bench reads the server's persistence calls and task latencies from here.
      expect(server.metricsUrl).toBe(`http://127.0.0.1:${metricsPort}/metrics`);
      expect(await (await fetch(server.metricsUrl!)).text()).toMatch(/^persistence_requests\{.*operation="GetNamespace"/m);

      const attached = await startDevServer({ dataDir, port, headless: true });
      expect(attached.owned).toBe(false);
      expect(attached.pid).toBe(server.pid);
      expect(attached.metricsUrl).toBeUndefined();
    } finally {
      await server.stop();
    }
    expect(await answers(server.address)).toBe(false);
    expect(existsSync(`${dataDir}/temporal.pid`)).toBe(false);
  });

  it('keeps history in the SQLite file across a restart', { timeout: 180_000 }, async () => {
    const first = await startDevServer({ dataDir, port, headless: true });
    const connection = await Connection.connect({ address: first.address });
    await connection.workflowService.registerNamespace({ namespace: 'survives-restart', workflowExecutionRetentionPeriod: { seconds: Long.fromNumber(86_400) } }).catch(() => undefined);
    await connection.close();
    await first.stop();

    const second = await startDevServer({ dataDir, port, headless: true });
    try {
      const again = await Connection.connect({ address: second.address });
      const described = await again.workflowService.describeNamespace({ namespace: 'survives-restart' });
      await again.close();
      expect(described.namespaceInfo?.name).toBe('survives-restart');
    } finally {
      await second.stop();
    }
  });
});
