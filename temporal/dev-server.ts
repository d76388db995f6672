/**
 * One launcher for the Temporal dev server, used by the demo and the tests: `temporal server
 * start-dev` on a SQLite file (WAL) under a data folder, Web UI on, Switchyard's search attributes
 * registered, a readiness wait sized for a slow 2-core machine, and a clean stop by PID.
 */
import { spawn } from 'node:child_process';
import { chmodSync, closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Connection } from '@temporalio/client';
import proto from '@temporalio/proto';
import { searchAttributeRegistrations, searchAttributes } from './search-attributes.js';
import { ensureTemporalCli } from './temporal-cli.js';

/** Options of the launcher; all have defaults. */
export interface DevServerOptions {
  /** Folder for the SQLite file, the log and the PID file. */
  dataDir?: string;
  /** gRPC port (7233); the UI listens on port + 1000 unless uiPort is given. */
  port?: number;
  uiPort?: number;
  /** Disable the Web UI (tests). */
  headless?: boolean;
  /** The codec server the Web UI asks to decode payloads (`--ui-codec-endpoint`). */
  uiCodecEndpoint?: string;
  namespace?: string;
  /** SQLite pragmas, over `devServerSqlitePragmas`. */
  sqlitePragmas?: Record<string, string>;
  /** Server dynamic config (`--dynamic-config-value key=JSON`), over `devServerDynamicConfig`. */
  dynamicConfig?: Record<string, string | number | boolean>;
  /**
   * Port of the server's Prometheus `/metrics` endpoint (persistence calls, task latencies, RPC
   * latencies). The server always serves metrics; without this the CLI picks a random port.
   */
  metricsPort?: number;
  /** Extra environment of the server process (e.g. `GOMAXPROCS`). */
  env?: Record<string, string>;
  /** How long to wait for the server to answer; SQLite start-up on 2 cores can take 10–30 s. */
  readyTimeoutMs?: number;
  log?: (message: string) => void;
}

/** A running (or attached) dev server. */
export interface DevServer {
  address: string;
  namespace: string;
  uiUrl: string | undefined;
  pid: number | undefined;
  /** `http://127.0.0.1:<port>/metrics` when started with `metricsPort`. */
  metricsUrl: string | undefined;
  /** False when an already-running server was found and reused; stop() then leaves it alone. */
  owned: boolean;
  logFile: string;
  stop(): Promise<void>;
}

const LOOPBACK = '127.0.0.1';

/**
 * SQLite pragmas of the dev database. WAL with synchronous=NORMAL commits without an fsync each
 * time: a crash of the server loses nothing, a power cut may lose the last commits, never the
 * file's consistency; on a slow disk the fsync was most of a history write (bench/README.md).
 */
export const devServerSqlitePragmas: Readonly<Record<string, string>> = { journal_mode: 'WAL', synchronous: 'NORMAL' };

/**
 * Dynamic config the launcher sets, chosen by measurement (bench/README.md): an activity on the
 * workflow's own queue starts in the workflow task's reply (eager), saving a matching round trip.
 * The 1.9.1 CLI already turns it on; set here so an older CLI (the go-install fallback) does too.
 *
 * The history service loads its transfer, visibility and timer tasks (dispatch a workflow or
 * activity task, record visibility, close) at most 20 times a second per shard by default, and
 * the dev server has one shard: a request makes 4 transfer and 3 visibility tasks, so from about
 * 5 requests a second each task waited for the rate limiter (17-23 ms mean queue wait, the server's
 * own metric). Unthrottled, the wait is 5-9 ms and the added median at one client fell from 140 to
 * 88 ms, at the same CPU per request.
 */
export const devServerDynamicConfig: Readonly<Record<string, string | number | boolean>> = {
  'system.enableActivityEagerExecution': true,
  'history.transferProcessorMaxPollRPS': 1000,
  'history.visibilityProcessorMaxPollRPS': 1000,
  'history.timerProcessorMaxPollRPS': 1000,
};

/** Start a dev server, or attach to the one this data folder's PID file says is already serving. */
export async function startDevServer(options: DevServerOptions = {}): Promise<DevServer> {
  const dataDir = resolve(options.dataDir ?? '.data/temporal');
  const port = options.port ?? 7233;
  const uiPort = options.uiPort ?? port + 1000;
  const namespace = options.namespace ?? 'default';
  const address = `${LOOPBACK}:${port}`;
  const uiUrl = options.headless ? undefined : `http://localhost:${uiPort}`;
  const pidFile = join(dataDir, 'temporal.pid');
  const logFile = join(dataDir, 'temporal.log');
  const log = options.log ?? (() => {});
  await mkdir(dataDir, { recursive: true, mode: 0o700 });

  if (await answers(address, namespace)) {
    const pid = readPid(pidFile);
    log(`Temporal server already running at ${address}${pid ? ` (pid ${pid})` : ''}; reusing it.`);
    await ensureSearchAttributes(address, namespace, log);
    return { address, namespace, uiUrl, pid, metricsUrl: undefined, owned: false, logFile, stop: async () => {} };
  }
  await stopStale(pidFile, log);

  const cli = await ensureTemporalCli(log);
  // History holds request data (encrypted, but metadata too): the database and its log are the owner's only.
  // An existing file is tightened; a new one is created under umask 077 (the server creates it, and
  // must, since it builds the schema only for a database file that does not exist yet).
  const databaseFile = join(dataDir, 'temporal.sqlite');
  for (const file of [databaseFile, `${databaseFile}-wal`, `${databaseFile}-shm`]) if (existsSync(file)) chmodSync(file, 0o600);
  const args = [
    'server', 'start-dev',
    '--db-filename', databaseFile,
    ...Object.entries({ ...devServerSqlitePragmas, ...options.sqlitePragmas }).flatMap(([pragma, value]) => ['--sqlite-pragma', `${pragma}=${value}`]),
    '--ip', LOOPBACK,
    '--port', String(port),
    '--namespace', namespace,
    '--log-level', 'warn',
    ...(options.metricsPort === undefined ? [] : ['--metrics-port', String(options.metricsPort)]),
    ...(options.headless ? ['--headless'] : ['--ui-port', String(uiPort), ...(options.uiCodecEndpoint ? ['--ui-codec-endpoint', options.uiCodecEndpoint] : [])]),
    ...searchAttributeRegistrations().flatMap((pair) => ['--search-attribute', pair]),
    ...Object.entries({ ...devServerDynamicConfig, ...options.dynamicConfig }).flatMap(([key, value]) => ['--dynamic-config-value', `${key}=${JSON.stringify(value)}`]),
  ];
  const logFd = openSync(logFile, 'a', 0o600);
  const previousUmask = process.umask(0o077);
  let child: ReturnType<typeof spawn>;
  try {
    child = spawn(cli.path, args, { stdio: ['ignore', logFd, logFd], detached: false, env: { ...process.env, ...options.env } });
  } finally {
    process.umask(previousUmask);
  }
  closeSync(logFd);
  let exited: string | undefined;
  child.on('exit', (code, signal) => (exited = `exited with ${signal ?? code}`));
  child.on('error', (error) => (exited = `failed to start: ${error.message}`));
  if (child.pid === undefined) throw new Error(`Could not start ${cli.path}; see ${logFile}`);
  await writeFile(pidFile, String(child.pid));
  log(`Starting Temporal dev server at ${address} (pid ${child.pid}, data in ${dataDir})...`);

  const stop = async () => {
    await stopPid(child.pid!);
    await rm(pidFile, { force: true });
  };
  const deadline = Date.now() + (options.readyTimeoutMs ?? 120_000);
  while (!(await answers(address, namespace))) {
    if (exited) throw new Error(`Temporal dev server ${exited} before it was ready; last log lines:\n${tail(logFile)}`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`Temporal dev server did not answer at ${address} within ${options.readyTimeoutMs ?? 120_000} ms; see ${logFile}:\n${tail(logFile)}`);
    }
    await sleep(250);
  }
  try {
    await ensureSearchAttributes(address, namespace, log);
  } catch (error) {
    await stop();
    throw error;
  }
  const metricsUrl = options.metricsPort === undefined ? undefined : `http://${LOOPBACK}:${options.metricsPort}/metrics`;
  return { address, namespace, uiUrl, pid: child.pid, metricsUrl, owned: true, logFile, stop };
}

/**
 * Make the namespace hold exactly Switchyard's current search attributes. A SQLite file from an
 * older Switchyard may hold attributes this version no longer defines; SQL visibility allows only
 * 10 Keyword attributes, so stale `Switchyard*` ones are removed (dev data only) to make room.
 */
async function ensureSearchAttributes(address: string, namespace: string, log: (message: string) => void): Promise<void> {
  const connection = await Connection.connect({ address });
  try {
    const wanted = new Map(Object.values(searchAttributes).map((key) => [key.name, key.type]));
    const registered = Object.keys((await connection.operatorService.listSearchAttributes({ namespace })).customAttributes ?? {});
    const stale = registered.filter((name) => name.startsWith('Switchyard') && !wanted.has(name));
    if (stale.length > 0) {
      log(`Removing search attributes an older Switchyard registered in this dev database: ${stale.join(', ')}`);
      await connection.operatorService.removeSearchAttributes({ namespace, searchAttributes: stale });
    }
    const missing = [...wanted.keys()].filter((name) => !registered.includes(name));
    if (missing.length === 0) return;
    const { temporal } = proto;
    const typeOf: Record<string, number> = {
      KEYWORD: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
      BOOL: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_BOOL,
      DOUBLE: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_DOUBLE,
    };
    try {
      await connection.operatorService.addSearchAttributes({ namespace, searchAttributes: Object.fromEntries(missing.map((name) => [name, typeOf[wanted.get(name)!]!])) });
    } catch (error) {
      throw new Error(`The Temporal server at ${address} cannot register Switchyard's search attributes ${missing.join(', ')}: ${(error as Error).message}`);
    }
  } finally {
    await connection.close();
  }
}

/** Whether a server answers at the address with the namespace. */
async function answers(address: string, namespace: string): Promise<boolean> {
  let connection: Connection | undefined;
  try {
    connection = await Connection.connect({ address, connectTimeout: 1_000 });
    await connection.workflowService.describeNamespace({ namespace });
    return true;
  } catch {
    // Not up yet (or not a Temporal server): the caller decides whether to wait or fail.
    return false;
  } finally {
    await connection?.close();
  }
}

function readPid(pidFile: string): number | undefined {
  if (!existsSync(pidFile)) return undefined;
  const pid = Number.parseInt(readFileSync(pidFile, 'utf8'), 10);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A server left by a killed run would hold the SQLite file: stop it if it is still a temporal process. */
async function stopStale(pidFile: string, log: (message: string) => void): Promise<void> {
  const pid = readPid(pidFile);
  if (pid === undefined) return;
  const commandLine = existsSync(`/proc/${pid}/cmdline`) ? readFileSync(`/proc/${pid}/cmdline`, 'utf8') : '';
  if (isAlive(pid) && commandLine.includes('start-dev')) {
    log(`Stopping a stale Temporal dev server (pid ${pid}) left by an earlier run.`);
    await stopPid(pid);
  }
  await rm(pidFile, { force: true });
}

/** SIGTERM, wait up to 10 s for a clean SQLite shutdown, then SIGKILL. */
export async function stopPid(pid: number): Promise<void> {
  if (!isAlive(pid)) return;
  process.kill(pid, 'SIGTERM');
  for (let waited = 0; waited < 10_000 && isAlive(pid); waited += 100) await sleep(100);
  if (isAlive(pid)) process.kill(pid, 'SIGKILL');
}

function tail(file: string, lines = 15): string {
  return existsSync(file) ? readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n') : '(no log)';
}
