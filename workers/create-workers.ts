/**
 * Worker factories, used by the worker processes, the demo and the tests alike. The control worker
 * runs workflows and control activities; inference workers each serve one task queue.
 */
import { Worker, type NativeConnection } from '@temporalio/worker';
import { createControlActivities } from '../activities/control-activities.js';
import { toApplicationFailure } from '../activities/activity-failure.js';
import { createConfidenceActivities, type ConfidenceActivities } from '../activities/confidence-activities.js';
import { createInferenceActivities, type InferenceGuard } from '../activities/inference-activities.js';
import { createRetrievalActivities } from '../activities/retrieval-activities.js';
import { createSensitiveGuard } from '../activities/sensitive-guard.js';
import { openKnowledgeLibrary } from '../knowledge/knowledge-library.js';
import { createBackend } from '../backends/create-backend.js';
import { createBackendRegistry } from '../backends/backend-registry.js';
import type { Classifier } from '../classification/classifier.js';
import type { Policy } from '../routing/policy-schema.js';
import { CONTROL_TASK_QUEUE } from '../routing/task-queues.js';
import { servedBackends, type ServedBackend } from './backend-connections.js';
import { workflowBundle } from './worker-runtime.js';

/** What every worker needs to reach Temporal. */
export interface WorkerTarget {
  connection: NativeConnection;
  namespace?: string;
}

/** The control worker: workflows, policy and classification. Holds no cloud keys. */
export async function createControlWorker(
  options: WorkerTarget & { policy: Policy; classifier: Classifier; taskQueue?: string; knowledgeDir?: string },
): Promise<Worker> {
  const knowledge = openKnowledgeLibrary({ dataDir: options.knowledgeDir, classification: { classifier: options.classifier, policy: options.policy } });
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace ?? 'default',
    taskQueue: options.taskQueue ?? CONTROL_TASK_QUEUE,
    workflowBundle: await workflowBundle(),
    activities: {
      ...createControlActivities({ policy: options.policy, classifier: options.classifier }),
      ...createRetrievalActivities({ knowledge, policy: options.policy }),
    },
  });
}

/** Options of the inference workers of one kind. */
export interface InferenceWorkerOptions extends WorkerTarget {
  policy: Policy;
  kind: 'local' | 'cloud';
  env: NodeJS.ProcessEnv;
  /** Required for cloud workers: every prompt is re-classified before it leaves. */
  classifier?: Classifier;
  /** Serve only these pools / queues (default: every backend of the kind). */
  onlyTaskQueues?: string[];
  /** Activities run at once per queue; for local pools, the GPU slots. */
  maxConcurrentActivities?: number;
}

/** One worker per task queue of the given kind; backends sharing a pool share a worker. */
export async function createInferenceWorkers(options: InferenceWorkerOptions): Promise<Worker[]> {
  if (options.kind === 'cloud' && !options.classifier) throw new Error('A cloud inference worker needs a classifier for its re-check');
  const byQueue = new Map<string, ServedBackend[]>();
  for (const served of servedBackends(options.policy, options.kind, options.env)) {
    if (options.onlyTaskQueues && !options.onlyTaskQueues.includes(served.taskQueue)) continue;
    byQueue.set(served.taskQueue, [...(byQueue.get(served.taskQueue) ?? []), served]);
  }
  return Promise.all(
    [...byQueue].map(([taskQueue, backends]) => {
      const registry = createBackendRegistry(backends.map((served) => createBackend(served.connection)));
      const guard = options.kind === 'cloud' ? createSensitiveGuard(options.classifier!, options.policy) : undefined;
      return Worker.create({
        connection: options.connection,
        namespace: options.namespace ?? 'default',
        taskQueue,
        maxConcurrentActivityTaskExecutions: options.maxConcurrentActivities,
        activities: {
          ...createInferenceActivities({ backends: registry, guard }),
          ...guardConfidenceActivities(createConfidenceActivities({ backends: registry }), guard),
        },
      });
    }),
  );
}

/** The re-check covers confidence calls too: the question and answer are sent to the judging model. */
function guardConfidenceActivities(activities: ConfidenceActivities, guard: InferenceGuard | undefined): ConfidenceActivities {
  if (!guard) return activities;
  return {
    async assessConfidence(request) {
      try {
        await guard({ backend: request.backend, model: request.model, messages: [{ role: 'user', content: request.question }, { role: 'assistant', content: request.answer }] });
      } catch (error) {
        throw toApplicationFailure(error);
      }
      return activities.assessConfidence(request);
    },
  };
}
