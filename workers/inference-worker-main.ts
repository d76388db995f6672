/**
 * Shared main of the local and cloud inference worker processes: load the policy, build one worker
 * per task queue of the kind, run them until SIGINT/SIGTERM.
 */
import { classifierFromEnvironment } from './classifier-from-environment.js';
import { loadPolicyFile } from '../routing/policy-loader.js';
import { servedBackends } from './backend-connections.js';
import { createInferenceWorkers } from './create-workers.js';
import { readEnvironment } from './worker-environment.js';
import { connectWorker, installQuietRuntime, runWorkerMain } from './worker-runtime.js';

/** Run the inference workers of one kind in this process. SWITCHYARD_QUEUES limits the queues served. */
export function runInferenceWorkerProcess(kind: 'local' | 'cloud'): void {
  runWorkerMain(`${kind} inference worker`, async () => {
    const settings = readEnvironment();
    const policy = await loadPolicyFile(settings.policyFile);
    // Check keys and addresses before connecting, so a missing key is the error reported, not the server.
    servedBackends(policy, kind, process.env);
    installQuietRuntime();
    const connection = await connectWorker(settings.temporalAddress);
    const onlyTaskQueues = process.env.SWITCHYARD_QUEUES?.split(',').map((queue) => queue.trim()).filter(Boolean);
    const workers = await createInferenceWorkers({
      connection,
      namespace: settings.namespace,
      policy,
      kind,
      env: process.env,
      classifier: kind === 'cloud' ? await classifierFromEnvironment() : undefined,
      onlyTaskQueues,
      maxConcurrentActivities: process.env.SWITCHYARD_SLOTS ? Number(process.env.SWITCHYARD_SLOTS) : undefined,
    });
    if (workers.length === 0) throw new Error(`policy ${policy.version} defines no ${kind} backends${onlyTaskQueues ? ` on queues ${onlyTaskQueues.join(', ')}` : ''}; nothing to serve`);
    console.error(`${kind} inference worker: policy ${policy.version}, queues ${workers.map((worker) => worker.options.taskQueue).join(', ')}`);
    await Promise.all(workers.map((worker) => worker.run()));
  });
}
