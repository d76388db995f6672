/** The `switchyard` command as a user runs it: a real process through the bin entry. */
import { spawn } from 'node:child_process';
import { describe, expect, inject, it } from 'vitest';
// Workers and the CLI refuse to start without payload keys: the tests' own keys, unless a test overrides them.
import { TEST_PAYLOAD_KEYS } from '../harness/switchyard-cluster.js';

function switchyard(args: string[], options: { stdin?: string; env?: NodeJS.ProcessEnv } = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/switchyard.mjs', ...args], { env: { SWITCHYARD_PAYLOAD_KEYS: TEST_PAYLOAD_KEYS, ...process.env, ...options.env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdin.end(options.stdin ?? '');
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('switchyard classify', () => {
  it('writes one JSONL record per input line, with error records for bad lines, and keeps going', async () => {
    const input = ['{"id":"a","text":"Pay with 4111 1111 1111 1111"}', 'not json', '{"id":"c","text":""}', '{"id":"d","text":"What is the boiling point of water?"}'].join('\n');
    const { code, stdout, stderr } = await switchyard(['classify'], { stdin: input });
    const records = stdout.trim().split('\n').map((line) => JSON.parse(line));

    expect(records).toHaveLength(4);
    expect(records[0]).toMatchObject({ id: 'a', dataClass: 'restricted', sensitive: true, entities: [{ type: 'CREDIT_CARD', start: 9, end: 28 }] });
    expect(typeof records[0].ms).toBe('number');
    expect(records[1]).toMatchObject({ id: null, line: 2 });
    expect(records[1].error).toContain('not valid JSON');
    expect(records[2]).toMatchObject({ id: 'c', line: 3 });
    expect(records[2].error).toContain('empty');
    expect(records[3]).toMatchObject({ id: 'd', dataClass: 'public', sensitive: false, entities: [], topics: [] });
    expect(stderr).toContain('line 2');
    expect(code).toBe(1);
  });

  it('names the file when the input file cannot be read', async () => {
    const { code, stderr } = await switchyard(['classify', 'test/fixtures/no-such-file.jsonl']);
    expect(code).toBe(1);
    expect(stderr).toContain('cannot read test/fixtures/no-such-file.jsonl: ENOENT');
  });

  it('exits 0 when every line classified', async () => {
    const { code } = await switchyard(['classify'], { stdin: '{"id":1,"text":"hello"}\n' });
    expect(code).toBe(0);
  });

  it('documents every entity type in --help', async () => {
    const { stdout } = await switchyard(['classify', '--help']);
    for (const type of ['EMAIL_ADDRESS', 'PHONE_NUMBER', 'CREDIT_CARD', 'IBAN_CODE', 'US_SSN', 'IP_ADDRESS', 'SECRET', 'PRIVATE_KEY']) expect(stdout).toContain(type);
  });
});

describe('switchyard run', () => {
  it('refuses an empty prompt before touching Temporal', async () => {
    const { code, stderr } = await switchyard(['run', '  ']);
    expect(code).toBe(2);
    expect(stderr).toContain('empty prompt');
  });

  it('says plainly when no control worker is polling instead of waiting forever', async () => {
    const { code, stderr } = await switchyard(['run', 'hello'], { env: { TEMPORAL_ADDRESS: inject('temporalAddress'), SWITCHYARD_CONTROL_QUEUE: 'switchyard-control-nobody-polls' } });
    expect(code).toBe(3);
    expect(stderr).toContain('no control worker is polling switchyard-control-nobody-polls');
  });

  it('names the address when the Temporal server is unreachable', async () => {
    const { code, stderr } = await switchyard(['run', 'hello'], { env: { TEMPORAL_ADDRESS: '127.0.0.1:1' } });
    expect(code).toBe(1);
    expect(stderr).toContain('Cannot reach the Temporal server at 127.0.0.1:1');
  });
});

describe('switchyard policy', () => {
  it('check prints the version of a valid policy', async () => {
    const { code, stdout } = await switchyard(['policy', 'check', 'policies/default.yaml']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/valid, version default@[0-9a-f]{12}/);
  });

  it('check fails with file, line and path for a policy that sends sensitive data to cloud', async () => {
    const { code, stderr } = await switchyard(['policy', 'check', 'test/fixtures/policies/sensitive-to-cloud.yaml']);
    expect(code).toBe(1);
    expect(stderr).toMatch(/sensitive-to-cloud\.yaml:\d+:\d+ at \/rules\/0\/model: rule "everything-to-cloud" could send sensitive "restricted" data to cloud model "big"/);
  });
});
