/**
 * Custody end to end: routed runs carrying a card number, an SSN, an email and an API key through
 * real workers; afterwards the dev server's SQLite files hold none of them, while the client (with
 * the keys) still reads them back from history.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reviewDetailsQuery } from '../../workflows/review-definitions.js';
import { startSwitchyardCluster, type SwitchyardCluster } from '../harness/switchyard-cluster.js';

/** Values no other test uses, so a hit can only come from this file's runs. */
const VALUES = {
  card: '4539 1488 0343 6467',
  ssn: '536-22-4187',
  email: 'dana.custody@example.org',
  apiKey: 'sk-proj-Custody9TestKeyAb3dEf6hIj',
};

let cluster: SwitchyardCluster;
beforeAll(async () => {
  cluster = await startSwitchyardCluster();
});
afterAll(async () => {
  await cluster?.close();
});

/** Where the server of this run keeps its data: the production server's PostgreSQL, or the dev server's SQLite. */
const onProductionServer = Boolean(process.env.SWITCHYARD_TEST_TEMPORAL_ADDRESS);
const productionDataDir = resolve(process.env.SWITCHYARD_PRODUCTION_DATA ?? '.data/production-server', 'postgresql');

/** The folder the global setup's dev server writes (named after the vitest main process). */
function serverDataDir(): string {
  const candidates = [process.pid, process.ppid].map((pid) => `.data/test-temporal-${pid}`);
  const found = candidates.find((dir) => existsSync(join(dir, 'temporal.sqlite')));
  if (!found) throw new Error(`no dev-server data folder among ${candidates.join(', ')} (is SWITCHYARD_TEST_TEMPORAL_ADDRESS pointing elsewhere?)`);
  return found;
}

/** Every byte the server's store holds: the SQLite files, or every file of the PostgreSQL cluster (tables and WAL). */
async function storeBytes(): Promise<{ where: string; bytes: Buffer }> {
  if (!onProductionServer) {
    const dir = serverDataDir();
    const files = (await readdir(dir)).filter((name) => name.startsWith('temporal.sqlite'));
    return { where: dir, bytes: Buffer.concat(await Promise.all(files.map((name) => readFile(join(dir, name))))) };
  }
  if (!existsSync(productionDataDir)) throw new Error(`SWITCHYARD_TEST_TEMPORAL_ADDRESS is set but ${productionDataDir} is missing: the grep needs the server's data (npm run setup:production-server)`);
  const files = (await readdir(productionDataDir, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile());
  const contents = await Promise.all(files.map((entry) => readFile(join(entry.parentPath, entry.name)).catch(() => Buffer.alloc(0))));
  return { where: productionDataDir, bytes: Buffer.concat(contents) };
}

describe('payload encryption on the real Temporal server', () => {
  it('leaves none of the sensitive test values in the SQLite files, yet the keyed client reads them', async () => {
    const prompts = [
      `My card ${VALUES.card} was charged twice, please help.`,
      `My SSN is ${VALUES.ssn}, what does my tax letter mean?`,
      `Write to ${VALUES.email} about the invoice.`,
      `Why does the key ${VALUES.apiKey} fail with 401?`,
    ];
    const runs = await Promise.all(prompts.map((prompt) => cluster.run({ prompt })));
    for (const { result } of runs) expect(result.sensitive).toBe(true);

    // The raw history the server hands out is ciphertext; the keyed client still reads the clear prompt.
    const history = await runs[0]!.handle.fetchHistory();
    expect(JSON.stringify(history)).not.toContain(VALUES.card);
    // For bench/codec-bench.ts: how many encrypted payloads one routed request leaves in history.
    const encrypted = JSON.stringify(history).split(Buffer.from('binary/encrypted').toString('base64')).length - 1;
    console.log(`one routed request: ${encrypted} encrypted payloads in history (${history.events?.length} events)`);
    expect(encrypted).toBeGreaterThan(0);
    expect((await runs[0]!.handle.query(reviewDetailsQuery)).prompt).toContain(VALUES.card);

    // Read every file of the server's store (SQLite with its WAL, or the PostgreSQL cluster with pg_wal).
    const { where: dir, bytes } = await storeBytes();
    // The grep looks at the right file: the run's workflow id (not secret) is there in clear.
    expect(bytes.includes(Buffer.from(runs[0]!.handle.workflowId))).toBe(true);
    for (const [name, value] of Object.entries(VALUES)) {
      expect(bytes.includes(Buffer.from(value)), `${name} found in ${dir}`).toBe(false);
    }
  });

  it.skipIf(onProductionServer)('keeps the dev server database readable by its owner only (skipped on the production server: PostgreSQL owns its files)', async () => {
    const mode = (await stat(join(serverDataDir(), 'temporal.sqlite'))).mode & 0o777;
    expect(mode.toString(8)).toBe('600');
  });
});
