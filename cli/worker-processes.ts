/**
 * Starts the three worker processes as children, the way production runs them: the control and
 * local workers get an environment without cloud keys; only the cloud worker gets those.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Policy } from '../routing/policy-schema.js';

/** A started worker process. */
export interface WorkerProcess {
  name: string;
  child: ChildProcess;
  /** Set when the process ended, with how. */
  exited?: string;
  /** Last lines it printed, for error messages. */
  output: string[];
}

const projectRoot = fileURLToPath(new URL('..', import.meta.url));

/** The environment minus every variable a cloud backend of the policy reads its key from. */
export function withoutCloudKeys(policy: Policy, env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const stripped = { ...env };
  for (const backend of Object.values(policy.backends)) if (backend.kind === 'cloud' && backend.apiKeyEnv) delete stripped[backend.apiKeyEnv];
  return stripped;
}

/** Spawn a TypeScript entry point (`workers/control-worker.ts`, `review/server.ts`, ...) under tsx; its output is kept (and echoed with a prefix when verbose). */
export function spawnWorker(script: string, env: NodeJS.ProcessEnv, verbose: boolean): WorkerProcess {
  const name = script.replace(/^.*\//, '').replace(/\.ts$/, '');
  const child = spawn(process.execPath, ['--import', 'tsx', script], { cwd: projectRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const worker: WorkerProcess = { name, child, output: [] };
  const collect = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
      worker.output.push(line);
      if (worker.output.length > 30) worker.output.shift();
      if (verbose) console.error(`[${name}] ${line}`);
    }
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  child.on('exit', (code, signal) => (worker.exited = `exited with ${signal ?? code}`));
  return worker;
}

/** Stop worker processes gracefully (SIGINT lets Temporal workers drain), then wait for them. */
export async function stopWorkers(workers: WorkerProcess[]): Promise<void> {
  await Promise.all(
    workers.map(
      (worker) =>
        new Promise<void>((resolve) => {
          if (worker.exited || worker.child.exitCode !== null) return resolve();
          const timer = setTimeout(() => worker.child.kill('SIGKILL'), 15_000);
          worker.child.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
          worker.child.kill('SIGINT');
        }),
    ),
  );
}
