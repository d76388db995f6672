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
  requireDecisionKeys(policy.escalation.ladder.includes('human'), policy.review.decisionKeys.length, process.env);
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

/**
 * A policy that sends tasks to people needs the review app's public keys: without them the Update
 * validator cannot tell a signed decision from one typed into `temporal workflow update`, and a
 * reviewer's name would be recorded unproven. Refuse to start (fail closed) unless the operator opts
 * out explicitly, e.g. for a benchmark that never reviews.
 */
function requireDecisionKeys(reviews: boolean, keys: number, env: NodeJS.ProcessEnv): void {
  if (!reviews || keys > 0) return;
  if (env.SWITCHYARD_ALLOW_UNSIGNED_REVIEW === '1') {
    console.error('control worker: WARNING: SWITCHYARD_ALLOW_UNSIGNED_REVIEW=1: review decisions are accepted without a signature');
    return;
  }
  throw new Error(
    'the policy escalates to human review but no review decision keys are configured: set SWITCHYARD_REVIEW_PUBLIC_KEYS (the review app\'s public key, `npx switchyard keys review-signing`) or list it in the policy\'s review.decisionKeys. SWITCHYARD_ALLOW_UNSIGNED_REVIEW=1 accepts unsigned decisions (tests and benchmarks only).',
  );
}
