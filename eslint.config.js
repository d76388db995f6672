// Lint rules, with the workflow sandbox's constraints enforced on workflow files.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

export default tseslint.config(
  { ignores: ['node_modules/', '.tools/', '.data/', 'scratch/', 'routing/policy.schema.json'] },
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
    // Workflow code runs in Temporal's deterministic sandbox: no Node built-ins, no I/O.
    files: ['workflows/**/*.ts', 'test/workflows/fixtures/**/*.ts', 'test/review/fixtures/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...builtinModules, ...builtinModules.map((name) => `node:${name}`)].map((name) => ({
            name,
            message: 'Workflow code runs in the Temporal sandbox: do I/O in an activity instead.',
          })),
          patterns: [
            { group: ['**/activities/**', '**/backends/**'], message: 'Workflows import only the types of activities and backends.', allowTypeImports: true },
            { group: ['**/workers/**', '**/cli/**', '**/temporal/dev-server*', '**/temporal/temporal-cli*', '**/routing/policy-loader*'], message: 'Not workflow-safe: Node-only code.' },
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
