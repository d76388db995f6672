/**
 * End to end: the whole path a user's request takes (the client starts the routed workflow and
 * waits for its result) through the Temporal dev server and the control, local and cloud workers,
 * each its own process, against the model-server double; compared with calling the double
 * directly in the same run. Env: SWITCHYARD_BENCH_REQUESTS (300), SWITCHYARD_BENCH_CLIENTS
 * (1,8,32), SWITCHYARD_BENCH_LATENCIES (0,50 ms), SWITCHYARD_BENCH_QUICK=1 or `--quick` (60
 * requests, 1 and 8 clients, 50 ms), SWITCHYARD_BENCH_TEMPORAL_ADDRESS (use a running server;
 * SWITCHYARD_BENCH_TEMPORAL_PID to count its CPU), SWITCHYARD_BENCH_DYNAMIC_CONFIG (JSON
 * object over the dev server's dynamic config, to measure one setting against another),
 * SWITCHYARD_BENCH_SQLITE_PRAGMAS (JSON object over its SQLite pragmas).
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import { createBackend } from '../backends/create-backend.js';
import type { ChatBackend } from '../backends/backend.js';
import { loadDataConverter } from '../temporal/data-converter.js';
import { startDevServer, type DevServer } from '../temporal/dev-server.js';
import type { routedTask } from '../workflows/routed-task.js';
import type { RoutedTaskInput } from '../workflows/routed-task-types.js';
import { freePort } from '../test/harness/free-port.js';
import { printBenchTable, type BenchTable } from './bench-table.js';
import { startBenchBackbone, startBenchControlWorker } from './bench-deployment.js';
import { cpuSecondsOf, ownCpuSeconds, startTsProcess, type BenchProcess } from './bench-processes.js';
import { drive, quantile } from './measure.js';
import { sampleHistories, type ClientTiming, type HistorySample } from './history-steps.js';

/** What to run; every field has an environment default. */
export interface EndToEndOptions {
  requests: number;
  clients: number[];
  latenciesMs: number[];
  temporalAddress?: string;
  temporalPid?: number;
  /** Histories fetched per setting for events, bytes and step timings. */
  historySample: number;
  /** Dynamic config for the dev server the bench starts. */
  dynamicConfig?: Record<string, string | number | boolean>;
  sqlitePragmas?: Record<string, string>;
}

const CLOUD_KEY = 'sk-bench-cloud-key';

function numbers(value: string | undefined, fallback: number[]): number[] {
  return value ? value.split(',').map((item) => Number(item.trim())) : fallback;
}

/** Options from the environment (and `--quick` on the command line). */
export function endToEndOptionsFromEnvironment(env: NodeJS.ProcessEnv = process.env, argv: string[] = process.argv): EndToEndOptions {
  const quick = env.SWITCHYARD_BENCH_QUICK === '1' || argv.includes('--quick');
  return {
    requests: Number(env.SWITCHYARD_BENCH_REQUESTS ?? (quick ? 60 : 300)),
    clients: numbers(env.SWITCHYARD_BENCH_CLIENTS, quick ? [1, 8] : [1, 8, 32]),
    latenciesMs: numbers(env.SWITCHYARD_BENCH_LATENCIES, quick ? [50] : [0, 50]),
    temporalAddress: env.SWITCHYARD_BENCH_TEMPORAL_ADDRESS,
    temporalPid: env.SWITCHYARD_BENCH_TEMPORAL_PID ? Number(env.SWITCHYARD_BENCH_TEMPORAL_PID) : undefined,
    historySample: Number(env.SWITCHYARD_BENCH_HISTORY_SAMPLE ?? 20),
    dynamicConfig: env.SWITCHYARD_BENCH_DYNAMIC_CONFIG ? (JSON.parse(env.SWITCHYARD_BENCH_DYNAMIC_CONFIG) as Record<string, string | number | boolean>) : undefined,
    sqlitePragmas: env.SWITCHYARD_BENCH_SQLITE_PRAGMAS ? (JSON.parse(env.SWITCHYARD_BENCH_SQLITE_PRAGMAS) as Record<string, string>) : undefined,
  };
}

/** Half the prompts carry an e-mail address (confidential: stays local), half are public (cloud). */
function promptOf(index: number): { prompt: string; kind: 'local' | 'cloud' } {
  return index % 2 === 0
    ? { prompt: `Summarize in two sentences why unit tests pay off (${index}).`, kind: 'cloud' }
    : { prompt: `Draft a short reply to jane.doe${index}@example.com confirming the meeting.`, kind: 'local' };
}

interface Deployment {
  client: Client;
  controlQueue: string;
  processes: { server?: number; control: BenchProcess; local: BenchProcess; cloud: BenchProcess; double: BenchProcess };
  direct: { local: ChatBackend; cloud: ChatBackend };
  close(): Promise<void>;
}

async function deploy(options: EndToEndOptions, log: (line: string) => void): Promise<Deployment> {
  const dir = await mkdtemp(join(tmpdir(), 'switchyard-bench-'));
  const cleanups: Array<() => Promise<void>> = [() => rm(dir, { recursive: true, force: true })];
  const close = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch((error: Error) => log(`cleanup: ${error.message}`));
  };
  try {
    let server: DevServer | undefined;
    if (!options.temporalAddress) {
      server = await startDevServer({ dataDir: join(dir, 'temporal'), port: await freePort(), headless: true, dynamicConfig: options.dynamicConfig, sqlitePragmas: options.sqlitePragmas, log });
      cleanups.push(() => server!.stop());
    }
    const address = options.temporalAddress ?? server!.address;
    const { url, double, controlQueue, payloadKeys, processEnv: env } = await startBenchBackbone(dir, address, 'switchyard-control-bench');
    cleanups.push(() => double.stop());
    const control = startBenchControlWorker({ url, double, controlQueue, payloadKeys, processEnv: env });
    const local = startTsProcess('local worker', 'workers/local-worker.ts', env);
    const cloud = startTsProcess('cloud worker', 'workers/cloud-worker.ts', { ...env, BENCH_CLOUD_KEY: CLOUD_KEY });
    cleanups.push(() => control.stop(), () => local.stop(), () => cloud.stop());
    await Promise.all([control.waitFor(/control worker: policy/), local.waitFor(/local inference worker: policy/), cloud.waitFor(/cloud inference worker: policy/)]);
    const connection = await Connection.connect({ address });
    cleanups.push(() => connection.close());
    const client = new Client({ connection, dataConverter: loadDataConverter({ env: { SWITCHYARD_PAYLOAD_KEYS: payloadKeys } }) });
    const direct = {
      local: createBackend({ id: 'direct-ollama', protocol: 'ollama', baseUrl: url, timeoutMs: 20_000 }),
      cloud: createBackend({ id: 'direct-openai', protocol: 'openai-compatible', baseUrl: `${url}/v1`, apiKey: CLOUD_KEY, timeoutMs: 20_000 }),
    };
    return { client, controlQueue, processes: { server: server?.pid ?? options.temporalPid, control, local, cloud, double }, direct, close };
  } catch (error) {
    await close();
    throw error;
  }
}

async function setLatency(double: BenchProcess, ms: number): Promise<void> {
  const answered = double.waitFor(/^ok$/, 10_000);
  double.child.stdin!.write(`latency ${ms}\n`);
  await answered;
}

/** One routed request through Temporal, checked: a wrong route or a failure aborts the bench. */
async function routedRequest(deployment: Deployment, runId: string, index: number): Promise<ClientTiming> {
  const { prompt, kind } = promptOf(index);
  const workflowId = `bench-${runId}-${index}`;
  const startedAt = Date.now();
  const result = await deployment.client.workflow.execute<typeof routedTask>('routedTask', {
    taskQueue: deployment.controlQueue,
    workflowId,
    args: [{ prompt } satisfies RoutedTaskInput],
  });
  const finishedAt = Date.now();
  if (result.status !== 'answered' || result.decision.backendKind !== kind) {
    throw new Error(`request ${workflowId} ended ${result.status} on ${result.decision.backendKind}, expected answered on ${kind}`);
  }
  return { workflowId, startedAt, finishedAt };
}

async function directRequest(deployment: Deployment, index: number): Promise<void> {
  const { prompt, kind } = promptOf(index);
  await deployment.direct[kind].chat({ model: kind === 'local' ? 'double-small' : 'double-large', messages: [{ role: 'user', content: prompt }] });
}

interface SettingResult {
  latencyMs: number;
  clients: number;
  direct: number[];
  endToEnd: number[];
  requestsPerSecond: number;
  cpuMsPerRequest: Record<'server' | 'control' | 'local' | 'cloud' | 'client', number | undefined>;
  history: HistorySample;
}

async function runSetting(deployment: Deployment, options: EndToEndOptions, latencyMs: number, clients: number): Promise<SettingResult> {
  const { processes } = deployment;
  await setLatency(processes.double, latencyMs);
  const direct = await drive(options.requests, clients, (index) => directRequest(deployment, index));
  const runId = `${latencyMs}ms-${clients}c-${randomUUID().slice(0, 6)}`;
  // A short warm-up per setting, so the first requests do not pay for cold caches and connections.
  await drive(Math.min(2 * clients, 16), clients, (index) => routedRequest(deployment, `${runId}-warm`, index));
  const pids = { server: processes.server, control: processes.control.pid, local: processes.local.pid, cloud: processes.cloud.pid };
  const cpuBefore = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, pid === undefined ? undefined : cpuSecondsOf(pid)]));
  const clientBefore = ownCpuSeconds();
  const endToEnd = await drive(options.requests, clients, (index) => routedRequest(deployment, runId, index));
  const clientCpu = ownCpuSeconds() - clientBefore;
  const perRequest = (seconds: number | undefined) => (seconds === undefined ? undefined : (seconds * 1000) / options.requests);
  const cpuMsPerRequest = {
    ...(Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, pid === undefined ? undefined : perRequest(cpuSecondsOf(pid) - cpuBefore[name]!)])) as Record<'server' | 'control' | 'local' | 'cloud', number | undefined>),
    client: perRequest(clientCpu),
  };
  const step = Math.max(1, Math.floor(options.requests / options.historySample));
  const sample = endToEnd.results.filter((_, index) => index % step === 0 && promptOf(index).kind === 'cloud').slice(0, options.historySample);
  return {
    latencyMs,
    clients,
    direct: direct.ms,
    endToEnd: endToEnd.ms,
    requestsPerSecond: options.requests / (endToEnd.wallMs / 1000),
    cpuMsPerRequest,
    history: await sampleHistories(deployment.client, sample),
  };
}

const round = (value: number | undefined, digits = 1): number | string => (value === undefined ? 'n/a' : Number(value.toFixed(digits)));

/** Run the end-to-end benchmark: the overhead table, then where one cloud-routed request's time goes. */
export async function runEndToEndBench(options: EndToEndOptions = endToEndOptionsFromEnvironment(), log: (line: string) => void = (line) => console.error(line)): Promise<BenchTable[]> {
  const deployment = await deploy(options, log);
  const results: SettingResult[] = [];
  try {
    for (const latencyMs of options.latenciesMs) {
      for (const clients of options.clients) {
        log(`end-to-end: double ${latencyMs} ms, ${clients} client(s), ${options.requests} requests...`);
        results.push(await runSetting(deployment, options, latencyMs, clients));
      }
    }
  } finally {
    await deployment.close();
  }
  const rows = results.map((result) => {
    const directMedian = quantile(result.direct, 0.5);
    const median = quantile(result.endToEnd, 0.5);
    const cpu = result.cpuMsPerRequest;
    const total = Object.values(cpu).reduce<number>((sum, value) => sum + (value ?? 0), 0);
    return [
      result.latencyMs,
      result.clients,
      round(directMedian),
      round(median),
      round(median - directMedian),
      round(quantile(result.endToEnd, 0.99) - quantile(result.direct, 0.99)),
      round(median / directMedian, 2),
      round(result.requestsPerSecond),
      round(cpu.server),
      round(cpu.control),
      round(cpu.local),
      round(cpu.cloud),
      round(cpu.client),
      round(total),
      round(result.history.eventsPerRun),
      round(result.history.bytesPerRun / 1024),
    ];
  });
  const stepsFrom = results.find((result) => result.clients === 1 && result.latencyMs === Math.max(...options.latenciesMs)) ?? results[0]!;
  let cumulative = 0;
  return [
    {
      title: `End to end: client → Temporal → control/local/cloud workers → double, ${options.requests} requests per setting, half local- and half cloud-routed (ms; CPU ms per request per process)`,
      columns: ['double ms', 'clients', 'direct p50', 'routed p50', 'added p50', 'added p99', 'p50 ratio', 'req/s', 'CPU server', 'control', 'local', 'cloud', 'client', 'CPU total', 'events', 'KB'],
      rows,
      notes: [
        'direct = the same backend clients calling the double, same prompts and concurrency, same run; added = routed - direct (p99: routed p99 - direct p99)',
        'CPU from /proc/<pid>/stat (10 ms ticks) over the measured requests; events and KB per history of sampled cloud-routed runs',
        ...(options.temporalAddress && !options.temporalPid ? ['existing server: set SWITCHYARD_BENCH_TEMPORAL_PID to count its CPU'] : []),
      ],
    },
    {
      title: `Where a cloud-routed request's time goes (double ${stepsFrom.latencyMs} ms, ${stepsFrom.clients} client(s); median ms between consecutive history events, ${stepsFrom.history.shapeRuns} of ${stepsFrom.history.sampled} sampled runs with this event sequence)`,
      columns: ['step', 'ms', 'cumulative ms'],
      rows: stepsFrom.history.steps.map(({ step, medianMs }) => [step, round(medianMs), round((cumulative += medianMs))]),
    },
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const table of await runEndToEndBench()) printBenchTable(table);
}
