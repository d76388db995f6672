#!/usr/bin/env node
// First step of `npm run demo` and `npm test` on a fresh clone: install the locked npm dependencies
// when they are missing or stale, then make sure the Temporal CLI (dev server) is available.
// Plain JavaScript with no dependencies, because it runs before any are installed.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(`Switchyard needs Node.js 20.19 or newer; this is ${process.version}.`);
  process.exit(1);
}

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`bootstrap: \`${command} ${args.join(' ')}\` failed (exit ${result.status ?? result.signal}).`);
    process.exit(result.status ?? 1);
  }
}

const installedMarker = join(root, 'node_modules', '.package-lock.json');
const lockfile = join(root, 'package-lock.json');
if (!existsSync(installedMarker) || statSync(installedMarker).mtimeMs < statSync(lockfile).mtimeMs) {
  // `npm install`, not `npm ci`: the registry these machines reach serves only this platform's
  // optional packages (e.g. @swc/core-darwin-* answer 404), so the lockfile cannot list them and
  // `npm ci` rejects it as out of sync. `npm install` still takes every version from the lockfile.
  console.error('bootstrap: installing npm dependencies pinned by package-lock.json (npm install)...');
  run('npm', ['install', '--no-audit', '--no-fund']);
}
run(process.execPath, ['--import', 'tsx', 'scripts/ensure-temporal-cli.ts']);
// The review app's browser test drives Debian's Chromium; only the test command needs it.
if (process.argv.includes('--with-browser')) run(process.execPath, ['scripts/ensure-chromium.mjs']);
