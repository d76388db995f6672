// Lint rules, with the workflow sandbox's constraints enforced on workflow files.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { readFileSync } from 'node:fs';

// The modules workflow code may import at run time (shared with the bundle-time check).
const workflowSafe = JSON.parse(readFileSync(new URL('./workflows/workflow-safe-modules.json', import.meta.url), 'utf8'));
const escape = (text) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
// Matches every import specifier EXCEPT the allowed ones: same-folder files, allowed modules, allowed packages.
const workflowSafeImport = `^(?!(\\./[^/]+$|${[
  ...workflowSafe.modules.map((module) => (module.endsWith('/') ? `(.*/)?${escape(module)}` : `(.*/)?${escape(module)}\\.js$`)),
  ...workflowSafe.packages.map((name) => `${escape(name)}(/.*)?$`),
].join('|')})).*`;

export default tseslint.config(
  { ignores: ['node_modules/', '.tools/', '.data/', 'scratch/', 'dist/', 'examples/*/node_modules/', 'routing/policy.schema.json'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname }, globals: globals.node },
    rules: {
      // An unawaited promise in a workflow or activity loses errors silently.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  {
    // Workflow code runs in Temporal's deterministic sandbox: an ALLOW list (the same one the
    // workers check at bundle time, workers/workflow-import-check.ts). Type imports of anything are fine.
    files: ['workflows/**/*.ts', 'test/workflows/fixtures/**/*.ts', 'test/review/fixtures/**/*.ts', 'examples/*/src/workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: workflowSafeImport,
              message: 'Not workflow-safe: workflow code imports at run time only pure modules (workflows/workflow-safe-modules.json); import types, or do I/O in an activity.',
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: globals.node },
  },
);
