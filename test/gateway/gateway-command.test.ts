/** `switchyard gateway key …` as an operator runs it: a real process, the key printed once, only its hash stored. */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ApiKeys } from '../../gateway/api-keys.js';
import { openGatewayStore } from '../../gateway/gateway-store.js';

function switchyard(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/switchyard.mjs', ...args], { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('switchyard gateway key', () => {
  it('creates a key that verifies, lists it without its secret, and revokes it', async () => {
    const env = { SWITCHYARD_GATEWAY_STORE: join(mkdtempSync(join(tmpdir(), 'switchyard-gateway-cli-')), 'gateway.sqlite') };
    const created = await switchyard(['gateway', 'key', 'create', '--application', 'helpdesk', '--department', 'support', '--models', 'auto,local-small', '--rpm', '30', '--budget-usd', '2.5', '--budget-period', 'day'], env);
    expect(created.code).toBe(0);
    const apiKey = created.stdout.trim();
    expect(apiKey).toMatch(/^sy_[0-9a-f]{12}_[\w-]{32}$/);

    const listed = await switchyard(['gateway', 'key', 'list'], env);
    expect(JSON.parse(listed.stdout)).toEqual({ keyId: apiKey.split('_')[1], application: 'helpdesk', department: 'support', allowedModels: ['auto', 'local-small'], requestsPerMinute: 30, budgetUsd: 2.5, budgetPeriod: 'day' });
    expect(listed.stdout).not.toContain(apiKey.slice(16));
    const database = openGatewayStore(env.SWITCHYARD_GATEWAY_STORE);
    expect(await new ApiKeys(database).verify(apiKey)).toMatchObject({ application: 'helpdesk' });
    database.close();

    expect((await switchyard(['gateway', 'key', 'revoke', apiKey.split('_')[1]!], env)).code).toBe(0);
    expect((await switchyard(['gateway', 'key', 'list'], env)).stdout.trim()).toBe('');
    const again = await switchyard(['gateway', 'key', 'revoke', apiKey.split('_')[1]!], env);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('no live key');
  }, 300_000);
});
