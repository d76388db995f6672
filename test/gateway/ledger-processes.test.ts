/** Several gateway processes sharing one store admit exactly the limit between them (SQLite's write lock serialises admissions). */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openGatewayStore } from '../../gateway/gateway-store.js';

function admitter(file: string, attempts: number, perMinute: number) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/gateway/ledger-admitter-process.ts', file, String(attempts), String(perMinute)], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines: string[] = [];
  const waiters: Array<() => void> = [];
  child.stdout.on('data', (chunk: Buffer) => {
    lines.push(...chunk.toString().trim().split('\n'));
    waiters.splice(0).forEach((wake) => wake());
  });
  const line = async (index: number) => {
    while (lines.length <= index) await new Promise<void>((resolve) => waiters.push(resolve));
    return lines[index]!;
  };
  return { child, line };
}

describe('usage ledger shared by processes', () => {
  it('four processes racing for a 60-per-minute limit admit exactly 60 between them', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'switchyard-ledger-')), 'gateway.sqlite');
    openGatewayStore(file).close(); // create the schema once, before the race
    const processes = Array.from({ length: 4 }, () => admitter(file, 50, 60));
    for (const process of processes) expect(await process.line(0)).toBe('ready');
    for (const process of processes) process.child.stdin!.write('go\n');
    const admitted = await Promise.all(processes.map(async (process) => Number(await process.line(1))));

    expect(admitted.reduce((sum, count) => sum + count, 0)).toBe(60);
  }, 120_000);
});
