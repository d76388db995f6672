#!/usr/bin/env node
// Prints the test files that use the run's Temporal server, one per line: those that call
// inject('temporalAddress') (test/global-setup.ts provides it) themselves or through a helper they
// import, at any depth. `npm run test:production` runs exactly these against the PostgreSQL-backed
// server, so a new integration test is picked up without a list to keep in step. Tests that start
// their own server (test/temporal/dev-server.test.ts) do not inject the address and stay out.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const testRoot = join(root, 'test');

function sources(folder) {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.(ts|mts)$/.test(entry.name) ? [path] : [];
  });
}

const files = sources(testRoot);
const text = new Map(files.map((file) => [file, readFileSync(file, 'utf8')]));
const usesServer = (source) => /inject\(\s*['"]temporalAddress['"]\s*\)/.test(source);

// Relative imports of each file, resolved to the .ts source ('./x.js' is written for './x.ts').
const imports = new Map(
  files.map((file) => {
    const targets = [...text.get(file).matchAll(/(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)].map((match) => {
      const target = resolve(dirname(file), match[1]);
      return [target.replace(/\.m?js$/, '.ts'), `${target}.ts`, target].find((candidate) => text.has(candidate) || existsSync(candidate));
    });
    return [file, targets.filter(Boolean)];
  }),
);

const marked = new Set(files.filter((file) => usesServer(text.get(file))));
for (let changed = true; changed; ) {
  changed = false;
  for (const file of files) {
    if (!marked.has(file) && imports.get(file).some((target) => marked.has(target))) {
      marked.add(file);
      changed = true;
    }
  }
}

const tests = [...marked].filter((file) => /\.test\.m?ts$/.test(file)).map((file) => relative(root, file)).sort();
if (tests.length === 0) {
  console.error('temporal-test-files: no test file injects temporalAddress; the selection is broken');
  process.exit(1);
}
console.log(tests.join('\n'));
