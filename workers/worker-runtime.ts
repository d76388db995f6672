/**
 * Process-level plumbing for workers: a quiet runtime logger, a connection that fails with a clear
 * message, and the workflow bundle built once per process.
 */
import { fileURLToPath } from 'node:url';
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

let bundle: Promise<WorkflowBundleWithSourceMap> | undefined;

/** Bundle the workflows once per process: bundling costs seconds on 2 cores, every worker reuses it. */
export function workflowBundle(): Promise<WorkflowBundleWithSourceMap> {
  bundle ??= bundleWorkflowCode({ workflowsPath, logger: new DefaultLogger('WARN') });
  return bundle;
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
