/** scripts/ensure-chromium.mjs leaves an installed Chromium alone and says so. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

describe('scripts/ensure-chromium.mjs', () => {
  // Installing is apt-get's job and needs the network; only the "already there" path runs in tests.
  it.skipIf(!existsSync('/usr/bin/chromium'))('exits 0 without installing when /usr/bin/chromium exists', () => {
    const result = spawnSync(process.execPath, ['scripts/ensure-chromium.mjs'], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('ensure-chromium: /usr/bin/chromium is installed\n');
  });
});
