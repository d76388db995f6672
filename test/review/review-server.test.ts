/** The review server process fails fast, with a message that says what to fix. */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { closedPortUrl } from '../doubles/closed-port.js';

function runServer(env: Record<string, string>) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'review/server.ts'], { env: { ...process.env, ...env }, encoding: 'utf8', timeout: 60_000 });
}

describe('review/server.ts', () => {
  it('exits 1 naming the address when Temporal is unreachable', async () => {
    const address = new URL(await closedPortUrl()).host;
    const result = runServer({ TEMPORAL_ADDRESS: address, SWITCHYARD_REVIEWERS: 'review/reviewers.example.json', SWITCHYARD_REVIEW_SECRET: 'x'.repeat(32) });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`review: Cannot reach the Temporal server at ${address}`);
  });

  it('exits 1 pointing at the example when the reviewers file is missing', () => {
    const result = runServer({ SWITCHYARD_REVIEWERS: 'review/no-such-reviewers.json' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Cannot read the reviewers file review/no-such-reviewers.json');
    expect(result.stderr).toContain('review/reviewers.example.json');
  });
});
