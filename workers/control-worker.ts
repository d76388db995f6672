/**
 * The control worker process: workflows plus classify and policy activities on `switchyard-control`.
 * It reads the policy and never any cloud key. Env: TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, SWITCHYARD_POLICY.
 */
import { classifierFromEnvironment } from './classifier-from-environment.js';
import { loadPolicyFile } from '../routing/policy-loader.js';
import { withDecisionKeys } from '../review/decision-keys.js';
import { createControlWorker } from './create-workers.js';
import { readEnvironment } from './worker-environment.js';
import { connectWorker, installQuietRuntime, runWorkerMain } from './worker-runtime.js';

runWorkerMain('control worker', async () => {
  const settings = readEnvironment();
  // The review app's public signing keys (SWITCHYARD_REVIEW_PUBLIC_KEYS) join the policy's review.decisionKeys.
  const policy = withDecisionKeys(await loadPolicyFile(settings.policyFile), process.env);
  installQuietRuntime();
  const connection = await connectWorker(settings.temporalAddress);
  const worker = await createControlWorker({
    connection,
    namespace: settings.namespace,
    taskQueue: settings.controlTaskQueue,
    policy,
    classifier: await classifierFromEnvironment(),
    knowledgeDir: process.env.SWITCHYARD_KNOWLEDGE_DIR,
  });
  console.error(`control worker: policy ${policy.version}, queue ${settings.controlTaskQueue}, server ${settings.temporalAddress}`);
  await worker.run();
});
