/**
 * The triage worker process: Switchyard's control worker running this project's workflows and
 * activities, plus the local and cloud inference workers the policy names.
 * Env: TEMPORAL_ADDRESS, SWITCHYARD_POLICY (default ./policy.yaml), SWITCHYARD_PAYLOAD_KEYS, OPENAI_API_KEY.
 */
import { fileURLToPath } from 'node:url';
import { connectWorker, createControlWorker, createDefaultClassifier, createInferenceWorkers, installQuietRuntime, loadPolicyFile } from 'switchyard/worker';
import { createTicketActivities, type FiledTriage } from './activities.js';

const outbox: FiledTriage[] = [];
const policy = await loadPolicyFile(process.env.SWITCHYARD_POLICY ?? 'policy.yaml');
installQuietRuntime();
const connection = await connectWorker(process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233');
const classifier = createDefaultClassifier();
const workers = [
  await createControlWorker({
    connection,
    policy,
    classifier,
    taskQueue: 'ticket-triage',
    workflowsPath: fileURLToPath(new URL('./workflows/index.ts', import.meta.url)),
    activities: createTicketActivities(outbox),
  }),
  ...(await createInferenceWorkers({ connection, policy, kind: 'local', env: process.env })),
  ...(await createInferenceWorkers({ connection, policy, kind: 'cloud', env: process.env, classifier })),
];
console.error(`ticket-triage worker: policy ${policy.version}, queue ticket-triage`);
await Promise.all(workers.map((worker) => worker.run()));
