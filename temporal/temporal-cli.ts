/**
 * Finds or installs the Temporal CLI (which embeds the dev server, SQLite persistence and the UI).
 * Order: $SWITCHYARD_TEMPORAL_CLI, a `temporal` on PATH, the project's cached copy, `go install`
 * of the pinned version into the cache, and last the official download (needs the internet).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, rm, writeFile } from 'node:fs/promises';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The pinned CLI version: newer tags carry a replace directive and cannot be `go install`ed. */
export const TEMPORAL_CLI_VERSION = 'v1.5.1';
/** The environment variable naming a Temporal CLI binary to use. */
export const TEMPORAL_CLI_ENV = 'SWITCHYARD_TEMPORAL_CLI';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** Where the project caches its own CLI (git-ignored). */
export const cachedCliPath = join(projectRoot, '.tools', 'bin', 'temporal');

/** How the CLI was found, for messages. */
export interface TemporalCli {
  path: string;
  source: 'environment' | 'PATH' | 'cache' | 'go install' | 'download';
}

type Log = (message: string) => void;

function onPath(name: string): string | undefined {
  for (const directory of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(directory, name);
    if (directory && existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** Locate the CLI without installing anything. */
export function findTemporalCli(): TemporalCli | undefined {
  const fromEnvironment = process.env[TEMPORAL_CLI_ENV];
  if (fromEnvironment) {
    if (!existsSync(fromEnvironment)) throw new Error(`${TEMPORAL_CLI_ENV}=${fromEnvironment}, but no file is there`);
    return { path: fromEnvironment, source: 'environment' };
  }
  const fromPath = onPath('temporal');
  if (fromPath) return { path: fromPath, source: 'PATH' };
  if (existsSync(cachedCliPath)) return { path: cachedCliPath, source: 'cache' };
  return undefined;
}

/** Locate the CLI, installing it into the project cache when absent. */
export async function ensureTemporalCli(log: Log = (message) => console.error(message)): Promise<TemporalCli> {
  const found = findTemporalCli();
  if (found) return found;
  await mkdir(dirname(cachedCliPath), { recursive: true });
  const go = onPath('go');
  if (go) {
    log(`Installing the Temporal CLI ${TEMPORAL_CLI_VERSION} with go install (first run only; 4 to 8 minutes on 2 cores)...`);
    await runInherited(go, ['install', `github.com/temporalio/cli/cmd/temporal@${TEMPORAL_CLI_VERSION}`], {
      ...process.env,
      GOBIN: dirname(cachedCliPath),
    });
    if (existsSync(cachedCliPath)) return { path: cachedCliPath, source: 'go install' };
    throw new Error(`go install finished but ${cachedCliPath} is missing`);
  }
  log(`No Go toolchain found; downloading the Temporal CLI ${TEMPORAL_CLI_VERSION} from temporal.download...`);
  await downloadCli();
  return { path: cachedCliPath, source: 'download' };
}

function runInherited(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolvePromise() : reject(new Error(`${command} ${args.join(' ')} exited with ${code}`))));
  });
}

/** The same archive the SDK's own dev-server download fetches. */
async function downloadCli(): Promise<void> {
  const arch = process.arch === 'arm64' ? 'arm64' : 'amd64';
  const url = `https://temporal.download/cli/archive/${TEMPORAL_CLI_VERSION.slice(1)}?platform=${process.platform}&arch=${arch}`;
  const response = await fetch(url).catch((error: Error) => {
    throw new Error(`Cannot download the Temporal CLI from ${url}: ${error.message}. Install Go (then rerun) or set ${TEMPORAL_CLI_ENV}.`);
  });
  if (!response.ok) throw new Error(`Downloading ${url} failed: HTTP ${response.status}`);
  const archive = `${cachedCliPath}.tar.gz`;
  await writeFile(archive, Buffer.from(await response.arrayBuffer()));
  const extracted = spawnSync('tar', ['-xzf', archive, '-C', dirname(cachedCliPath), 'temporal'], { stdio: 'inherit' });
  await rm(archive, { force: true });
  if (extracted.status !== 0) throw new Error(`Extracting ${archive} failed`);
  await chmod(cachedCliPath, 0o755);
}
