/** The review server process fails fast, with a message that says what to fix. */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { closedPortUrl } from '../doubles/closed-port.js';
import { TEST_PAYLOAD_KEYS } from '../harness/switchyard-cluster.js';

function runServer(env: Record<string, string>) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'review/server.ts'], { env: { ...process.env, SWITCHYARD_PAYLOAD_KEYS: TEST_PAYLOAD_KEYS, ...env }, encoding: 'utf8', timeout: 60_000 });
}

describe('review/server.ts', () => {
  it('exits 1 naming the address when Temporal is unreachable', async () => {
    const address = new URL(await closedPortUrl()).host;
    // The demo may use the example accounts; the address check comes after that one.
    const result = runServer({ TEMPORAL_ADDRESS: address, SWITCHYARD_REVIEWERS: 'review/reviewers.example.json', SWITCHYARD_REVIEW_SECRET: 'x'.repeat(32), SWITCHYARD_DEMO: '1' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`review: Cannot reach the Temporal server at ${address}`);
  });

  it('refuses the example accounts and the example secret outside the demo', () => {
    const accounts = runServer({ TEMPORAL_ADDRESS: '127.0.0.1:1', SWITCHYARD_REVIEWERS: 'review/reviewers.example.json', SWITCHYARD_REVIEW_SECRET: 'x'.repeat(32), SWITCHYARD_DEMO: '' });
    expect(accounts.status).toBe(1);
    expect(accounts.stderr).toMatch(/refusing to start: the reviewers file uses the example accounts' passwords or tokens \(alice, bob\)/);
    const secret = runServer({ TEMPORAL_ADDRESS: '127.0.0.1:1', SWITCHYARD_REVIEWERS: 'review/reviewers.example.json', SWITCHYARD_REVIEW_SECRET: 'change-me-change-me-change-me-change-me', SWITCHYARD_DEMO: '' });
    expect(secret.stderr).toMatch(/refusing to start: SWITCHYARD_REVIEW_SECRET is the example value/);
  });

  it('exits 1 pointing at the example when the reviewers file is missing', () => {
    const result = runServer({ SWITCHYARD_REVIEWERS: 'review/no-such-reviewers.json' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Cannot read the reviewers file review/no-such-reviewers.json');
    expect(result.stderr).toContain('review/reviewers.example.json');
  });
});
