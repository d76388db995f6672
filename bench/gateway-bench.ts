/**
 * The gateway: an `openai` client calling the gateway (→ Temporal → control and cloud workers →
 * double), against the same prompts sent straight to the double and through a Temporal client
 * (no gateway), in the same run, at 1, 8 and 32 concurrent clients; plus time to first token and
 * total time of `stream: true`, streamed live from the cloud worker through the gateway's stream
 * slot (decision 0017) while the double generates one token every SWITCHYARD_BENCH_TOKEN_MS (20).
 * Every process is its own: dev server, workers, double, gateway.
 * Env: SWITCHYARD_BENCH_GATEWAY_REQUESTS (120), SWITCHYARD_BENCH_CLIENTS (1,8,32),
 * SWITCHYARD_BENCH_QUICK=1 or `--quick` (40 requests, 1 and 8 clients),
 * SWITCHYARD_BENCH_TEMPORAL_ADDRESS (use a running server), SWITCHYARD_BENCH_TOKEN_MS.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import OpenAI from 'openai';
import { ApiKeys } from '../gateway/api-keys.js';
import { openGatewayStore } from '../gateway/gateway-store.js';
import { loadDataConverter } from '../temporal/data-converter.js';
import { startDevServer } from '../temporal/dev-server.js';
import type { routedTask } from '../workflows/routed-task.js';
import { freePort } from '../test/harness/free-port.js';
import { printBenchTable, type BenchTable } from './bench-table.js';
import { startBenchBackbone, startBenchControlWorker } from './bench-deployment.js';
import { startTsProcess } from './bench-processes.js';
import { drive, quantile } from './measure.js';

const CLOUD_KEY = 'sk-bench-cloud-key';

const prompt = (index: number) => `Summarize in two sentences why code review pays off (${index}).`;
const round = (value: number, digits = 1) => Number(value.toFixed(digits));

/** Runs the gateway bench and returns its table. */
export async function runGatewayBench(env: NodeJS.ProcessEnv = process.env, log: (line: string) => void = (line) => console.error(line)): Promise<BenchTable> {
  const quick = env.SWITCHYARD_BENCH_QUICK === '1' || process.argv.includes('--quick');
  const requests = Number(env.SWITCHYARD_BENCH_GATEWAY_REQUESTS ?? (quick ? 40 : 120));
  const concurrency = (env.SWITCHYARD_BENCH_CLIENTS ?? (quick ? '1,8' : '1,8,32')).split(',').map(Number);
  const dir = await mkdtemp(join(tmpdir(), 'switchyard-gateway-bench-'));
  const cleanups: Array<() => Promise<unknown>> = [() => rm(dir, { recursive: true, force: true })];
  try {
    let address = env.SWITCHYARD_BENCH_TEMPORAL_ADDRESS;
    if (!address) {
      const server = await startDevServer({ dataDir: join(dir, 'temporal'), port: await freePort(), headless: true, log });
      cleanups.push(() => server.stop());
      address = server.address;
    }
    // Only streamed answers are paced (the double's SWITCHYARD_DOUBLE_TOKEN_LATENCY_MS); whole answers come at once.
    const tokenMs = Number(env.SWITCHYARD_BENCH_TOKEN_MS ?? 20);
    const previousTokenLatency = process.env.SWITCHYARD_DOUBLE_TOKEN_LATENCY_MS;
    process.env.SWITCHYARD_DOUBLE_TOKEN_LATENCY_MS = String(tokenMs);
    const backbone = await startBenchBackbone(dir, address, 'switchyard-control-gwbench').finally(() => {
      if (previousTokenLatency === undefined) delete process.env.SWITCHYARD_DOUBLE_TOKEN_LATENCY_MS;
      else process.env.SWITCHYARD_DOUBLE_TOKEN_LATENCY_MS = previousTokenLatency;
    });
    const { url, double, controlQueue, payloadKeys, processEnv } = backbone;
    cleanups.push(() => double.stop());
    const storeFile = join(dir, 'gateway.sqlite');
    const gatewayPort = await freePort();
    const control = startBenchControlWorker(backbone);
    const gatewayOrigin = `http://127.0.0.1:${gatewayPort}`;
    // The cloud worker may stream to this gateway only; the gateway tells workers its own origin.
    const cloud = startTsProcess('cloud worker', 'workers/cloud-worker.ts', { ...processEnv, BENCH_CLOUD_KEY: CLOUD_KEY, SWITCHYARD_STREAM_SINKS: gatewayOrigin });
    const gateway = startTsProcess('gateway', 'gateway/server.ts', { ...processEnv, SWITCHYARD_GATEWAY_STORE: storeFile, SWITCHYARD_GATEWAY_PORT: String(gatewayPort), SWITCHYARD_GATEWAY_STREAM_URL: gatewayOrigin });
    cleanups.push(() => control.stop(), () => cloud.stop(), () => gateway.stop());
    await Promise.all([control.waitFor(/control worker: policy/), cloud.waitFor(/cloud inference worker: policy/), gateway.waitFor(/^gateway: http/)]);

    const database = openGatewayStore(storeFile);
    const { apiKey } = await new ApiKeys(database).create({ application: 'bench', allowedModels: ['*'] });
    database.close();
    const viaGateway = new OpenAI({ baseURL: `http://127.0.0.1:${gatewayPort}/v1`, apiKey, maxRetries: 0 });
    const direct = new OpenAI({ baseURL: `${url}/v1`, apiKey: CLOUD_KEY, maxRetries: 0 });
    const connection = await Connection.connect({ address });
    cleanups.push(() => connection.close());
    const temporal = new Client({ connection, dataConverter: loadDataConverter({ env: { SWITCHYARD_PAYLOAD_KEYS: payloadKeys } }) });

    const rows: (string | number)[][] = [];
    for (const clients of concurrency) {
      log(`gateway: ${clients} client(s), ${requests} requests each way...`);
      // Warm-up: connections, caches and the key's verification.
      await drive(Math.min(2 * clients, 16), clients, (index) => viaGateway.chat.completions.create({ model: 'auto', messages: [{ role: 'user', content: prompt(index) }] }));
      const straight = await drive(requests, clients, (index) => direct.chat.completions.create({ model: 'double-large', messages: [{ role: 'user', content: prompt(index) }] }));
      const routed = await drive(requests, clients, (index) =>
        temporal.workflow.execute<typeof routedTask>('routedTask', { taskQueue: controlQueue, workflowId: `gwbench-${controlQueue}-${clients}-${index}`, args: [{ prompt: prompt(index), maxOutputTokens: 1024 }] }),
      );
      const gatewayed = await drive(requests, clients, async (index) => {
        const completion = await viaGateway.chat.completions.create({ model: 'auto', messages: [{ role: 'user', content: prompt(index) }] });
        if (!completion.choices[0]?.message.content) throw new Error(`gateway request ${index} returned no answer`);
      });
      const firstToken: number[] = [];
      const streamTotal: number[] = [];
      let live = 0;
      await drive(Math.min(requests, 40), clients, async (index) => {
        const before = performance.now();
        const { data: stream, response } = await viaGateway.chat.completions.create({ model: 'auto', stream: true, messages: [{ role: 'user', content: prompt(index) }] }).withResponse();
        if (response.headers.get('x-switchyard-status') === 'streaming') live += 1;
        let seen = false;
        for await (const chunk of stream) {
          if (!seen && chunk.choices[0]?.delta.content) {
            seen = true;
            firstToken.push(performance.now() - before);
          }
        }
        streamTotal.push(performance.now() - before);
      });
      if (live === 0) throw new Error('no stream was answered live: check SWITCHYARD_STREAM_SINKS and SWITCHYARD_GATEWAY_STREAM_URL');
      const p = (values: number[], q: number) => quantile(values, q);
      rows.push([
        clients,
        round(p(straight.ms, 0.5)),
        round(p(routed.ms, 0.5)),
        round(p(gatewayed.ms, 0.5)),
        round(p(gatewayed.ms, 0.5) - p(straight.ms, 0.5)),
        round(p(gatewayed.ms, 0.99) - p(straight.ms, 0.99)),
        round(p(gatewayed.ms, 0.5) - p(routed.ms, 0.5)),
        round(requests / (straight.wallMs / 1000)),
        round(requests / (routed.wallMs / 1000)),
        round(requests / (gatewayed.wallMs / 1000)),
        round(p(firstToken, 0.5)),
        round(p(streamTotal, 0.5)),
        `${live}/${streamTotal.length}`,
      ]);
    }
    return {
      title: `Gateway: openai client → gateway → Temporal → control + cloud workers → double (0 ms), ${requests} requests per setting (ms)`,
      columns: ['clients', 'direct p50', 'temporal p50', 'gateway p50', 'added p50', 'added p99', 'gateway-only p50', 'direct req/s', 'temporal req/s', 'gateway req/s', 'stream TTFT p50', 'stream total p50', 'live streams'],
      rows,
      notes: [
        'direct = the openai client calling the double; temporal = a Temporal client running the routed task (no gateway); added = gateway - direct; gateway-only = gateway - temporal',
        `stream: the double generates one token every ${tokenMs} ms when streaming; tokens flow live from the cloud worker to the gateway's stream slot (decision 0017). TTFT = first content chunk at the client; total = last chunk; live streams = answers that went live rather than from the finished task`,
      ],
    };
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup().catch((error: Error) => log(`cleanup: ${error.message}`));
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) printBenchTable(await runGatewayBench());
