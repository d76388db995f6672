import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // `switchyard/*` (the package's public entry points) resolves to the sources in this repository.
  resolve: { alias: [{ find: /^switchyard\/(workflow|worker|client|policy|testing)$/, replacement: fileURLToPath(new URL('./lib/$1.ts', import.meta.url)) }] },
  test: {
    // The example project's tests run here too, on the suite's dev server (examples/ticket-triage).
    include: ['test/**/*.test.ts', 'examples/ticket-triage/test/**/*.test.ts'],
    // One real Temporal dev server for the whole run (see test/global-setup.ts).
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // Integration tests share one Temporal dev server and a 2-core machine: keep parallelism low.
    maxWorkers: 2,
    // The JSON report is what .ci/run counts from.
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/vitest.json' },
  },
});
