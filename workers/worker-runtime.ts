/**
 * Process-level plumbing for workers: a quiet runtime logger, a connection that fails with a clear
 * message, and the workflow bundle built once per process.
 */
import { statSync } from 'node:fs';
import { dirname, extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Configuration } from 'webpack';
import { importCheckHook, packageRoot, WorkflowImportError } from './workflow-import-check.js';
import { failureConverterPath } from '../temporal/data-converter.js';
import { TemporalUnreachableError } from '../temporal/temporal-unreachable-error.js';
import { bundleWorkflowCode, DefaultLogger, NativeConnection, Runtime, type WorkflowBundleWithSourceMap } from '@temporalio/worker';

/** The file that exports every workflow. */
export const workflowsPath = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));

let runtimeInstalled = false;

/** Install the Temporal runtime with a WARN logger once (INFO floods a terminal). */
export function installQuietRuntime(level: 'ERROR' | 'WARN' | 'INFO' | 'DEBUG' = 'WARN'): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  Runtime.install({ logger: new DefaultLogger(level) });
}

/** Connect a worker to Temporal, or throw a TemporalUnreachableError that says how to fix it. */
export async function connectWorker(address: string): Promise<NativeConnection> {
  try {
    return await NativeConnection.connect({ address });
  } catch (error) {
    throw new TemporalUnreachableError(address, error);
  }
}

const bundles = new Map<string, Promise<WorkflowBundleWithSourceMap>>();

// Preloaded by path, through our own module: a bare `require('@noble/curves/ed25519.js')` is dropped
// by webpack (the package declares no side effects and the preload uses no export).
const sharedWorkflowModule = fileURLToPath(new URL(`../review/decision-signature${extname(fileURLToPath(import.meta.url))}`, import.meta.url));

/** Where workflow code comes from: a path to bundle (Switchyard's own by default) or a prebuilt bundle. */
export interface WorkflowSource {
  /** A file exporting the workflows (or a folder with an index): the user's own. */
  workflowsPath?: string;
  /** Extra packages or absolute path prefixes the import check allows in workflow code. */
  allowWorkflowImports?: string[];
}

/**
 * Bundle workflow code once per path and process (bundling costs seconds on 2 cores). Every
 * run-time import of a workflow file is checked against the allow list while bundling: a refused
 * import throws a WorkflowImportError naming it, so the worker never starts polling.
 */
export function workflowBundle(source: WorkflowSource = {}): Promise<WorkflowBundleWithSourceMap> {
  const path = source.workflowsPath ?? workflowsPath;
  const key = `${path}\n${(source.allowWorkflowImports ?? []).join(',')}`;
  let bundle = bundles.get(key);
  if (!bundle) {
    bundle = bundleChecked(path, source.allowWorkflowImports);
    bundles.set(key, bundle);
  }
  return bundle;
}

async function bundleChecked(path: string, allow: string[] | undefined): Promise<WorkflowBundleWithSourceMap> {
  const violations: WorkflowImportError['violations'] = [];
  const workflowsDir = statSync(path).isDirectory() ? path : dirname(path);
  const bundling = bundleWorkflowCode({
    workflowsPath: path,
    // The failure converter encodes messages and stacks in the sandbox too, so the codec encrypts them.
    failureConverterPath,
    // Every new workflow re-runs the top-level code of the modules it imports (per-run module state);
    // Ed25519's point tables took most of that (~2 ms a run). They are pure: load them once per context.
    preloadModules: [sharedWorkflowModule],
    logger: new DefaultLogger('WARN'),
    webpackConfigHook: (config) => sourceConditions(importCheckHook({ workflowsDir, allow }, violations)(config)),
  });
  const bundle = await bundling.catch((error: unknown) => {
    // A refused import usually breaks the bundle too (a Node built-in behind it): name the import, not the symptom.
    if (violations.length > 0) throw new WorkflowImportError(violations);
    throw error;
  });
  if (violations.length > 0) throw new WorkflowImportError(violations);
  return bundle;
}

// Run from TypeScript sources (this repository, tsx, vitest): `switchyard/*` imports in workflow
// code resolve to the sources, as the package's `switchyard-source` export condition says.
function sourceConditions(config: Configuration): Configuration {
  if (!import.meta.url.endsWith('.ts')) return config;
  const alias = Object.fromEntries(['workflow', 'client', 'policy'].map((entry) => [`switchyard/${entry}$`, `${packageRoot}/lib/${entry}.ts`]));
  config.resolve = { ...config.resolve, alias: { ...(config.resolve?.alias as Record<string, string> | undefined), ...alias } };
  return config;
}

/**
 * Run a worker process's main function; on failure print the message and exit non-zero, because a
 * failed connection otherwise leaves native handles that keep Node alive forever.
 */
export function runWorkerMain(name: string, main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (error: Error) => {
      console.error(`${name}: ${error.message}`);
      process.exit(1);
    },
  );
}
