/**
 * End to end: the whole path a user's request takes (the client starts the routed workflow and
 * waits for its result) through the Temporal dev server and the control, local and cloud workers,
 * each its own process, against the model-server double; compared with calling the double
 * directly in the same run. Env: SWITCHYARD_BENCH_REQUESTS (300), SWITCHYARD_BENCH_CLIENTS
 * (1,8,32), SWITCHYARD_BENCH_LATENCIES (0,50 ms), SWITCHYARD_BENCH_QUICK=1 or `--quick` (60
 * requests, 1 and 8 clients, 50 ms), SWITCHYARD_BENCH_TEMPORAL_ADDRESS (use a running server;
 * SWITCHYARD_BENCH_TEMPORAL_PID to count its CPU), SWITCHYARD_BENCH_DYNAMIC_CONFIG (JSON
 * object over the dev server's dynamic config, to measure one setting against another),
 * SWITCHYARD_BENCH_SQLITE_PRAGMAS (JSON object over its SQLite pragmas), SWITCHYARD_BENCH_VARIANTS
 * (JSON array of {@link BenchVariant}: an A/B comparison, each variant its own server and workers,
 * measured in turn, SWITCHYARD_BENCH_ROUNDS times, and summarised by medians).
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
import { initialSearchAttributes } from '../lib/client.js';
import { startBenchBackbone, startBenchControlWorker } from './bench-deployment.js';
import { counterDeltas, cpuSecondsOf, ownCpuSeconds, readServerCounters, startTsProcess, type BenchProcess, type ServerCounters } from './bench-processes.js';
import { drive, quantile } from './measure.js';
import { sampleHistories, type ClientTiming, type HistorySample } from './history-steps.js';

/**
 * One deployment to compare against others in the same run (A/B): its own dev server and workers.
 * Interleaved rounds share the machine's noise, so their ratios hold where absolute figures do not.
 */
export interface BenchVariant {
  name: string;
  /** Another checkout (with node_modules): its workers run from there, e.g. the last commit. */
  root?: string;
  dynamicConfig?: Record<string, string | number | boolean>;
  sqlitePragmas?: Record<string, string>;
  /** The client sets the first search attributes at start, as `switchyard run` does (default true). */
  initialSearchAttributes?: boolean;
  /** Extra environment of the worker processes. */
  workerEnv?: Record<string, string>;
  /** Extra environment of the dev server (e.g. `GOMAXPROCS`). */
  serverEnv?: Record<string, string>;
}

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
  /** Deployments to compare (default: one, from the fields above). */
  variants?: BenchVariant[];
  /** Times each setting is measured per variant, variants in turn (default 1). */
  rounds?: number;
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
    variants: env.SWITCHYARD_BENCH_VARIANTS ? (JSON.parse(env.SWITCHYARD_BENCH_VARIANTS) as BenchVariant[]) : undefined,
    rounds: Number(env.SWITCHYARD_BENCH_ROUNDS ?? 1),
  };
}

/** Half the prompts carry an e-mail address (confidential: stays local), half are public (cloud). */
function promptOf(index: number): { prompt: string; kind: 'local' | 'cloud' } {
  return index % 2 === 0
    ? { prompt: `Summarize in two sentences why unit tests pay off (${index}).`, kind: 'cloud' }
    : { prompt: `Draft a short reply to jane.doe${index}@example.com confirming the meeting.`, kind: 'local' };
}

interface Deployment {
  variant: BenchVariant;
  client: Client;
  controlQueue: string;
  processes: { server?: number; control: BenchProcess; local: BenchProcess; cloud: BenchProcess; double: BenchProcess };
  /** The server's Prometheus endpoint, when the bench started the server. */
  metricsUrl?: string;
  direct: { local: ChatBackend; cloud: ChatBackend };
  close(): Promise<void>;
}

async function deploy(options: EndToEndOptions, variant: BenchVariant, log: (line: string) => void): Promise<Deployment> {
  const dir = await mkdtemp(join(tmpdir(), 'switchyard-bench-'));
  const cleanups: Array<() => Promise<void>> = [() => rm(dir, { recursive: true, force: true })];
  const close = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch((error: Error) => log(`cleanup: ${error.message}`));
  };
  try {
    let server: DevServer | undefined;
    if (!options.temporalAddress) {
      server = await startDevServer({ dataDir: join(dir, 'temporal'), port: await freePort(), metricsPort: await freePort(), headless: true, dynamicConfig: variant.dynamicConfig, sqlitePragmas: variant.sqlitePragmas, env: variant.serverEnv, log });
      cleanups.push(() => server!.stop());
    }
    const address = options.temporalAddress ?? server!.address;
    const { url, double, controlQueue, payloadKeys, processEnv: env } = await startBenchBackbone(dir, address, 'switchyard-control-bench');
    cleanups.push(() => double.stop());
    const workerEnv = { ...env, ...variant.workerEnv };
    const control = startBenchControlWorker({ url, double, controlQueue, payloadKeys, processEnv: env }, variant.root, variant.workerEnv);
    const local = startTsProcess('local worker', 'workers/local-worker.ts', workerEnv, variant.root);
    const cloud = startTsProcess('cloud worker', 'workers/cloud-worker.ts', { ...workerEnv, BENCH_CLOUD_KEY: CLOUD_KEY }, variant.root);
    cleanups.push(() => control.stop(), () => local.stop(), () => cloud.stop());
    await Promise.all([control.waitFor(/control worker: policy/), local.waitFor(/local inference worker: policy/), cloud.waitFor(/cloud inference worker: policy/)]);
    const connection = await Connection.connect({ address });
    cleanups.push(() => connection.close());
    const client = new Client({ connection, dataConverter: loadDataConverter({ env: { SWITCHYARD_PAYLOAD_KEYS: payloadKeys } }) });
    const direct = {
      local: createBackend({ id: 'direct-ollama', protocol: 'ollama', baseUrl: url, timeoutMs: 20_000 }),
      cloud: createBackend({ id: 'direct-openai', protocol: 'openai-compatible', baseUrl: `${url}/v1`, apiKey: CLOUD_KEY, timeoutMs: 20_000 }),
    };
    return { variant, client, controlQueue, processes: { server: server?.pid ?? options.temporalPid, control, local, cloud, double }, metricsUrl: server?.metricsUrl, direct, close };
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
    // As `switchyard run` starts it: the status is set at start, which saves the workflow an upsert.
    ...(deployment.variant.initialSearchAttributes === false ? {} : { typedSearchAttributes: initialSearchAttributes() }),
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
  variant: string;
  latencyMs: number;
  clients: number;
  direct: number[];
  endToEnd: number[];
  requestsPerSecond: number;
  cpuMsPerRequest: PerProcess & { client: number };
  history: HistorySample;
  /** The server's work per request, from its metrics (when the bench started the server). */
  server?: ServerWork;
}

/** Per request: the server's persistence calls (visibility apart) and its history tasks, by operation. */
interface ServerWork {
  persistence: number;
  visibility: number;
  /** Persistence calls by operation, per request. */
  operations: Map<string, number>;
  /** History tasks processed (transfer, timer, visibility), by task type, per request. */
  tasks: Map<string, number>;
  /** Mean ms a history task waited in its queue before processing, by task type. */
  taskQueueMs: Map<string, number>;
}

function serverWork(before: ServerCounters, after: ServerCounters, requests: number): ServerWork {
  const perRequest = (map: Map<string, number>) => new Map([...map].filter(([, value]) => value > 0).map(([key, value]) => [key.replace(/^\S+ /, ''), value / requests]));
  const operations = perRequest(counterDeltas(before, after, /^persistence_requests$/, 'operation'));
  const visibility = perRequest(counterDeltas(before, after, /^visibility_persistence_requests$/, 'operation'));
  const sums = counterDeltas(before, after, /^task_latency_queue_(sum|count)$/, 'operation');
  const taskQueueMs = new Map<string, number>();
  for (const [key, count] of sums) {
    if (!key.startsWith('task_latency_queue_count ') || count <= 0) continue;
    const operation = key.slice('task_latency_queue_count '.length);
    // The server reports these histograms in seconds.
    taskQueueMs.set(operation, ((sums.get(`task_latency_queue_sum ${operation}`) ?? 0) / count) * 1000);
  }
  const total = (map: Map<string, number>) => [...map.values()].reduce((sum, value) => sum + value, 0);
  return { persistence: total(operations), visibility: total(visibility), operations, tasks: perRequest(counterDeltas(before, after, /^task_requests$/, 'operation')), taskQueueMs };
}

async function runSetting(deployment: Deployment, options: EndToEndOptions, latencyMs: number, clients: number): Promise<SettingResult> {
  const { processes } = deployment;
  await setLatency(processes.double, latencyMs);
  const direct = await drive(options.requests, clients, (index) => directRequest(deployment, index));
  const runId = `${latencyMs}ms-${clients}c-${randomUUID().slice(0, 6)}`;
  // A short warm-up per setting, so the first requests do not pay for cold caches and connections.
  await drive(Math.min(2 * clients, 16), clients, (index) => routedRequest(deployment, `${runId}-warm`, index));
  const cpuBefore = processCpuSeconds(deployment);
  const countersBefore = deployment.metricsUrl ? await readServerCounters(deployment.metricsUrl) : undefined;
  const clientBefore = ownCpuSeconds();
  const endToEnd = await drive(options.requests, clients, (index) => routedRequest(deployment, runId, index));
  const clientCpu = ownCpuSeconds() - clientBefore;
  const countersAfter = countersBefore && deployment.metricsUrl ? await readServerCounters(deployment.metricsUrl) : undefined;
  const cpuMsPerRequest = { ...scaled(processCpuSeconds(deployment, cpuBefore), 1000 / options.requests), client: (clientCpu * 1000) / options.requests };
  const step = Math.max(1, Math.floor(options.requests / options.historySample));
  const sample = endToEnd.results.filter((_, index) => index % step === 0 && promptOf(index).kind === 'cloud').slice(0, options.historySample);
  return {
    variant: deployment.variant.name,
    latencyMs,
    clients,
    direct: direct.ms,
    endToEnd: endToEnd.ms,
    requestsPerSecond: options.requests / (endToEnd.wallMs / 1000),
    cpuMsPerRequest,
    history: await sampleHistories(deployment.client, sample),
    server: countersBefore && countersAfter ? serverWork(countersBefore, countersAfter, options.requests) : undefined,
  };
}

/** The deployment's processes whose CPU the bench counts (the client is this process). */
type PerProcess = Record<'server' | 'control' | 'local' | 'cloud', number | undefined>;

/** CPU seconds of each process in all, or since `before`; undefined for a server whose pid is unknown. */
function processCpuSeconds(deployment: Deployment, before?: PerProcess): PerProcess {
  const { server, control, local, cloud } = deployment.processes;
  const pids: PerProcess = { server, control: control.pid, local: local.pid, cloud: cloud.pid };
  return Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, pid === undefined ? undefined : cpuSecondsOf(pid) - (before?.[name as keyof PerProcess] ?? 0)])) as PerProcess;
}

const scaled = (values: PerProcess, factor: number): PerProcess =>
  Object.fromEntries(Object.entries(values).map(([name, value]) => [name, value === undefined ? undefined : value * factor])) as PerProcess;

/**
 * CPU ms per second each process burns with no request in flight (pollers, timers, the server's
 * housekeeping), over `ms` after the run's first requests: at r requests a second it adds idle / r
 * ms to every request's CPU, which is why one client's CPU per request is the highest.
 */
async function idleCpu(deployment: Deployment, ms: number): Promise<PerProcess> {
  const before = processCpuSeconds(deployment);
  await new Promise((resolve) => setTimeout(resolve, ms));
  return scaled(processCpuSeconds(deployment, before), 1000 / (ms / 1000));
}

const round = (value: number | undefined, digits = 1): number | string => (value === undefined ? 'n/a' : Number(value.toFixed(digits)));

/** The figures a comparison looks at, of one setting's result. */
function headline(result: SettingResult): { added: number; requestsPerSecond: number; cpu: number } {
  const total = Object.values(result.cpuMsPerRequest).reduce<number>((sum, value) => sum + (value ?? 0), 0);
  return { added: quantile(result.endToEnd, 0.5) - quantile(result.direct, 0.5), requestsPerSecond: result.requestsPerSecond, cpu: total };
}

/**
 * Medians over rounds per variant and setting, and each variant's median per-round ratio to the
 * first variant (the rounds pair variants measured minutes apart, under the same load).
 */
function comparisonTable(results: SettingResult[], variants: BenchVariant[], rounds: number): BenchTable {
  const rows: Array<Array<string | number>> = [];
  const settings = [...new Set(results.map((result) => `${result.latencyMs}/${result.clients}`))];
  for (const setting of settings) {
    const of = (variant: string) => results.filter((result) => result.variant === variant && `${result.latencyMs}/${result.clients}` === setting);
    const reference = of(variants[0]!.name);
    for (const variant of variants) {
      const mine = of(variant.name);
      const median = (pick: (result: SettingResult) => number | undefined) => quantile(mine.map((result) => pick(result) ?? 0), 0.5);
      const ratio = (pick: (figures: ReturnType<typeof headline>) => number) =>
        quantile(mine.map((result, index) => pick(headline(result)) / pick(headline(reference[index]!))), 0.5);
      rows.push([
        variant.name,
        mine[0]!.latencyMs,
        mine[0]!.clients,
        round(median((result) => headline(result).added)),
        round(ratio((figures) => figures.added), 2),
        round(median((result) => result.requestsPerSecond)),
        round(ratio((figures) => figures.requestsPerSecond), 2),
        round(median((result) => headline(result).cpu)),
        round(ratio((figures) => figures.cpu), 2),
        round(median((result) => result.cpuMsPerRequest.server)),
        round(median((result) => result.cpuMsPerRequest.control)),
        round(median((result) => result.cpuMsPerRequest.local)),
        round(median((result) => result.cpuMsPerRequest.cloud)),
        round(median((result) => result.cpuMsPerRequest.client)),
        round(median((result) => result.server?.persistence)),
        round(median((result) => result.server?.visibility)),
        round(median((result) => result.history.eventsPerRun)),
      ]);
    }
  }
  return {
    title: `A/B: medians over ${rounds} round(s), variants measured in turn within each round (ratio = median of per-round ratios to ${variants[0]!.name})`,
    columns: ['variant', 'double ms', 'clients', 'added p50', 'ratio', 'req/s', 'ratio', 'CPU total', 'ratio', 'server', 'control', 'local', 'cloud', 'client', 'DB calls', 'visibility', 'events'],
    rows,
    notes: ['DB calls and visibility: the server\'s persistence and visibility-store calls per request, from its /metrics'],
  };
}

/** The server's work per request at one setting: persistence calls and history tasks by operation, and task queue waits. */
function serverTable(result: SettingResult): BenchTable | undefined {
  const work = result.server;
  if (!work) return undefined;
  const rows: Array<Array<string | number>> = [];
  // Calls rarer than one per hundred requests are housekeeping, not the request's work.
  for (const [operation, count] of [...work.operations].sort((a, b) => b[1] - a[1]).filter(([, count]) => count >= 0.01)) rows.push(['persistence', operation, round(count, 2), '']);
  for (const [operation, count] of [...work.tasks].sort((a, b) => b[1] - a[1])) rows.push(['history task', operation, round(count, 2), round(work.taskQueueMs.get(operation), 1)]);
  return {
    title: `The server's work per request (${result.variant}, double ${result.latencyMs} ms, ${result.clients} client(s)): ${round(work.persistence)} persistence calls, ${round(work.visibility)} of them on the visibility store`,
    columns: ['kind', 'operation', 'per request', 'mean queue wait ms'],
    rows,
  };
}

/** Run the end-to-end benchmark: the overhead table, then where one cloud-routed request's time goes. */
export async function runEndToEndBench(options: EndToEndOptions = endToEndOptionsFromEnvironment(), log: (line: string) => void = (line) => console.error(line)): Promise<BenchTable[]> {
  const variants = options.variants?.length ? options.variants : [{ name: 'this tree', dynamicConfig: options.dynamicConfig, sqlitePragmas: options.sqlitePragmas }];
  const rounds = Math.max(1, options.rounds ?? 1);
  const deployments: Deployment[] = [];
  const results: SettingResult[] = [];
  const idle = new Map<string, PerProcess>();
  try {
    for (const variant of variants) deployments.push(await deploy(options, variant, log));
    for (const deployment of deployments) {
      // One warm request first: bundles and connections are up, as during the measured settings.
      await routedRequest(deployment, `idle-${randomUUID().slice(0, 6)}`, 0);
      idle.set(deployment.variant.name, await idleCpu(deployment, 5_000));
    }
    for (let roundIndex = 0; roundIndex < rounds; roundIndex++) {
      for (const latencyMs of options.latenciesMs) {
        for (const clients of options.clients) {
          // Rotate which variant goes first, so none always runs right after a warm-up or a quiet spell.
          for (let offset = 0; offset < deployments.length; offset++) {
            const deployment = deployments[(roundIndex + offset) % deployments.length]!;
            log(`end-to-end: ${variants.length > 1 ? `${deployment.variant.name}, ` : ''}${rounds > 1 ? `round ${roundIndex + 1}, ` : ''}double ${latencyMs} ms, ${clients} client(s), ${options.requests} requests...`);
            results.push(await runSetting(deployment, options, latencyMs, clients));
          }
        }
      }
    }
  } finally {
    for (const deployment of deployments) await deployment.close();
  }
  const compared = variants.length > 1 || rounds > 1;
  const rows = results.map((result) => {
    const directMedian = quantile(result.direct, 0.5);
    const median = quantile(result.endToEnd, 0.5);
    const cpu = result.cpuMsPerRequest;
    return [
      ...(compared ? [result.variant] : []),
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
      round(headline(result).cpu),
      round(result.history.eventsPerRun),
      round(result.history.bytesPerRun / 1024),
    ];
  });
  const tables: BenchTable[] = [
    {
      title: `End to end: client → Temporal → control/local/cloud workers → double, ${options.requests} requests per setting, half local- and half cloud-routed (ms; CPU ms per request per process)`,
      columns: [...(compared ? ['variant'] : []), 'double ms', 'clients', 'direct p50', 'routed p50', 'added p50', 'added p99', 'p50 ratio', 'req/s', 'CPU server', 'control', 'local', 'cloud', 'client', 'CPU total', 'events', 'KB'],
      rows,
      notes: [
        'direct = the same backend clients calling the double, same prompts and concurrency, same run; added = routed - direct (p99: routed p99 - direct p99)',
        'CPU from /proc/<pid>/stat (10 ms ticks) over the measured requests; events and KB per history of sampled cloud-routed runs',
        ...(options.temporalAddress && !options.temporalPid ? ['existing server: set SWITCHYARD_BENCH_TEMPORAL_PID to count its CPU'] : []),
        ...variants.map((variant) => {
          const figures: Partial<PerProcess> = idle.get(variant.name) ?? {};
          const parts = Object.entries(figures).map(([name, value]) => `${name} ${round(value)}`);
          const total = Object.values(figures).reduce<number>((sum, value) => sum + (value ?? 0), 0);
          return `idle CPU ms per second${compared ? ` (${variant.name})` : ''}: ${parts.join(', ')}; total ${round(total)}, i.e. ${round(total / 5)} ms added to each request at 5 req/s`;
        }),
      ],
    },
  ];
  if (compared) tables.push(comparisonTable(results, variants, rounds));
  for (const variant of variants) {
    // The last round's 1-client setting at the highest double latency: where one request's time goes.
    const stepsFrom = results.filter((result) => result.variant === variant.name).reverse().find((result) => result.clients === 1 && result.latencyMs === Math.max(...options.latenciesMs)) ?? results.find((result) => result.variant === variant.name)!;
    let cumulative = 0;
    tables.push({
      title: `Where a cloud-routed request's time goes (${compared ? `${variant.name}, ` : ''}double ${stepsFrom.latencyMs} ms, ${stepsFrom.clients} client(s); median ms between consecutive history events, ${stepsFrom.history.shapeRuns} of ${stepsFrom.history.sampled} sampled runs with this event sequence)`,
      columns: ['step', 'ms', 'cumulative ms'],
      rows: stepsFrom.history.steps.map(({ step, medianMs }) => [step, round(medianMs), round((cumulative += medianMs))]),
    });
    const server = serverTable(stepsFrom);
    if (server) tables.push(server);
  }
  return tables;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const table of await runEndToEndBench()) printBenchTable(table);
}
