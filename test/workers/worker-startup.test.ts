/** A worker process whose Temporal server is unreachable exits with a clear message instead of hanging. */
import { spawn } from 'node:child_process';
import { describe, expect, inject, it } from 'vitest';
import { closedPortUrl } from '../doubles/closed-port.js';
// Workers and the CLI refuse to start without payload keys: the tests' own keys, unless a test overrides them.
import { TEST_PAYLOAD_KEYS } from '../harness/switchyard-cluster.js';

function runProcess(script: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script], { env: { SWITCHYARD_PAYLOAD_KEYS: TEST_PAYLOAD_KEYS, ...process.env, ...env } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    // A hang is the failure this test exists for: kill after a generous bound so the test reports it.
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe('worker start-up', () => {
  it.each(['workers/control-worker.ts', 'workers/local-worker.ts'])('%s exits 1 naming the address when the server is unreachable', async (script) => {
    const address = new URL(await closedPortUrl()).host;
    const { code, output } = await runProcess(script, { TEMPORAL_ADDRESS: address });
    expect(code).toBe(1);
    expect(output).toContain(`Cannot reach the Temporal server at ${address}`);
    expect(output).toContain('TEMPORAL_ADDRESS');
  });

  it('the cloud worker exits 1 naming the missing API key variable before it connects', async () => {
    const { code, output } = await runProcess('workers/cloud-worker.ts', { TEMPORAL_ADDRESS: '127.0.0.1:1', OPENAI_API_KEY: '' });
    expect(code).toBe(1);
    expect(output).toContain('needs an API key in $OPENAI_API_KEY');
  });

  it('a worker given an invalid policy exits 1 with the file and the path of the problem', async () => {
    const { code, output } = await runProcess('workers/control-worker.ts', { SWITCHYARD_POLICY: 'test/fixtures/policies/sensitive-to-cloud.yaml' });
    expect(code).toBe(1);
    expect(output).toContain('sensitive-to-cloud.yaml');
    expect(output).toContain('/rules/0/model');
  });

  it('the control worker refuses to start when the policy escalates to review but no decision keys are configured', async () => {
    // The default policy's ladder ends in "human"; the server is real, so the refusal is not a connection error.
    const { code, output } = await runProcess('workers/control-worker.ts', { TEMPORAL_ADDRESS: inject('temporalAddress'), SWITCHYARD_POLICY: 'policies/default.yaml', SWITCHYARD_REVIEW_PUBLIC_KEYS: '' });
    expect(code).toBe(1);
    expect(output).toContain('no review decision keys are configured');
    expect(output).toContain('SWITCHYARD_REVIEW_PUBLIC_KEYS');
  });
});
