#!/usr/bin/env node
// Make sure Debian's Chromium is installed, because the review app's browser test drives it with
// playwright-core (which brings no browser of its own, and a browser download is not possible here).
// Plain JavaScript with no dependencies, so bootstrap can run it before anything else is installed.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Where Debian's package puts the browser; the browser test launches exactly this path. */
const CHROMIUM_PATH = '/usr/bin/chromium';

function run(command, args) {
  console.error(`ensure-chromium: ${command} ${args.join(' ')}`);
  // Non-interactive: no debconf prompts, no "do you want to continue" on a CI machine.
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (result.error) return `${command} could not be started: ${result.error.message}`;
  return result.status === 0 ? null : `\`${command} ${args.join(' ')}\` failed (exit ${result.status ?? result.signal})`;
}

function fail(message) {
  console.error(`ensure-chromium: ${message}`);
  console.error('ensure-chromium: install it by hand with `apt-get install -y chromium` (as root), then run again.');
  process.exit(1);
}

if (existsSync(CHROMIUM_PATH)) {
  console.error(`ensure-chromium: ${CHROMIUM_PATH} is installed`);
} else {
  console.error(`ensure-chromium: ${CHROMIUM_PATH} is missing; installing Debian's chromium package with apt-get`);
  // Only root can install packages; say so instead of letting apt print a lock-file error.
  if (typeof process.getuid === 'function' && process.getuid() !== 0) fail('apt-get needs root, and this process is not root');
  const problem = run('apt-get', ['update']) ?? run('apt-get', ['install', '-y', '--no-install-recommends', 'chromium']);
  if (problem) fail(problem);
  if (!existsSync(CHROMIUM_PATH)) fail(`apt-get finished but ${CHROMIUM_PATH} is still missing`);
  console.error(`ensure-chromium: installed ${CHROMIUM_PATH}`);
}
