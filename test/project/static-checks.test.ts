/** The codebase type-checks (strict) and passes lint, including the workflow-sandbox rules. */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

function run(command: string, args: string[]) {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: 240_000 });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('static checks', () => {
  it('type-checks with tsc --noEmit under strict settings', { timeout: 240_000 }, () => {
    const result = run('npx', ['tsc', '--noEmit']);
    expect(result.output).not.toMatch(/error TS/);
    expect(result.status).toBe(0);
  });

  it('passes eslint, which bans Node built-ins in workflow files and floating promises everywhere', { timeout: 240_000 }, () => {
    const result = run('npx', ['eslint', '.']);
    expect(result.output).not.toMatch(/\d+ problems?/);
    expect(result.status).toBe(0);
  });
});
