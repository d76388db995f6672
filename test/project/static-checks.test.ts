/** The codebase type-checks (strict) and passes lint, including the workflow-sandbox rules. */
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function run(command: string, args: string[], cwd?: string) {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: 240_000, cwd });
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

  it('refuses a run-time import of a module off the workflow allow list, naming it', { timeout: 240_000 }, () => {
    // The fixture disables the rule inline (it exists to test the bundle-time check); lint it without that.
    const result = run('npx', ['eslint', '--no-inline-config', 'test/workflows/fixtures/forbidden-import/index.ts']);
    expect(result.status).toBe(1);
    expect(result.output).toContain("'../../../../knowledge/knowledge-library.js' import is restricted");
  });

  it('builds the package to JavaScript with declarations, usable by plain Node through its exports only', { timeout: 240_000 }, async () => {
    const build = run('npm', ['run', 'build']);
    expect(build.output).not.toMatch(/error TS/);
    expect(build.status).toBe(0);
    const consumer = await mkdtemp(join(tmpdir(), 'switchyard-consumer-'));
    try {
      await mkdir(join(consumer, 'node_modules'));
      await symlink(process.cwd(), join(consumer, 'node_modules', 'switchyard'));
      await writeFile(join(consumer, 'package.json'), '{ "type": "module" }');
      const script = [
        "const entries = ['workflow', 'worker', 'client', 'policy', 'testing'];",
        "for (const entry of entries) console.log(entry, Object.keys(await import(`switchyard/${entry}`)).sort().join(','));",
        "await import('switchyard/workers/create-workers.js').then(() => console.log('internal: exported'), (error) => console.log('internal:', error.code));",
      ].join('\n');
      const imported = run('node', ['--input-type=module', '-e', script], consumer);
      expect(imported.status, imported.output).toBe(0);
      expect(imported.output).toMatch(/^workflow .*routedStep/m);
      expect(imported.output).toMatch(/^worker .*createControlWorker/m);
      expect(imported.output).toMatch(/^testing .*startModelServer/m);
      expect(imported.output).toContain('internal: ERR_PACKAGE_PATH_NOT_EXPORTED');
      expect(run('ls', ['dist/lib/workflow.d.ts']).status).toBe(0);
    } finally {
      await rm(consumer, { recursive: true, force: true });
    }
  });
});
