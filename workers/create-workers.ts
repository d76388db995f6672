/**
 * Worker factories, used by the worker processes, the demo and the tests alike. The control worker
 * runs workflows and control activities; inference workers each serve one task queue.
 */
import type { DataConverter } from '@temporalio/common';
import { Worker, type NativeConnection, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
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
import { loadDataConverter, withPolicyRecords } from '../temporal/data-converter.js';
import { parseStreamSinks } from '../stream/stream-sinks.js';
import { servedBackends, type ServedBackend } from './backend-connections.js';
import { workflowBundle, type WorkflowSource } from './worker-runtime.js';

/** What every worker needs to reach Temporal. */
export interface WorkerTarget {
  connection: NativeConnection;
  namespace?: string;
  /** Payload encryption; default: the environment's keys (no key is a start-up error). */
  dataConverter?: DataConverter;
}

/** Options of the control worker: Switchyard's policy and classifier, and optionally the user's workflows and activities. */
export interface ControlWorkerOptions extends WorkerTarget, WorkflowSource {
  policy: Policy;
  classifier: Classifier;
  taskQueue?: string;
  knowledgeDir?: string;
  /** A bundle built ahead of time (`bundleWorkflows`), instead of bundling `workflowsPath` at start. */
  workflowBundle?: WorkflowBundleWithSourceMap;
  /** The user's own activities, registered beside Switchyard's (a name clash is an error). */
  activities?: Record<string, (...args: never[]) => Promise<unknown>>;
}

/**
 * The control worker: workflows (Switchyard's routed task, or the user's that call `routedStep()`),
 * policy, classification and retrieval. Holds no cloud keys. Workflow imports are checked while
 * bundling: a refused import throws before the worker polls.
 */
export async function createControlWorker(options: ControlWorkerOptions): Promise<Worker> {
  const knowledge = openKnowledgeLibrary({ dataDir: options.knowledgeDir, classification: { classifier: options.classifier, policy: options.policy } });
  const ours: Record<string, unknown> = {
    ...createControlActivities({ policy: options.policy, classifier: options.classifier }),
    ...createRetrievalActivities({ knowledge, policy: options.policy }),
  };
  const clash = Object.keys(options.activities ?? {}).filter((name) => name in ours);
  if (clash.length > 0) throw new Error(`activities ${clash.join(', ')} clash with Switchyard's own activity names; rename them`);
  const namespace = options.namespace ?? 'default';
  return Worker.create({
    connection: options.connection,
    namespace,
    // The policy goes into history as a reference to its record, stored once per version (0012).
    dataConverter: withPolicyRecords(options.dataConverter ?? loadDataConverter(), { workflowService: options.connection.workflowService, namespace }),
    taskQueue: options.taskQueue ?? CONTROL_TASK_QUEUE,
    workflowBundle: options.workflowBundle ?? (await workflowBundle(options)),
    activities: { ...ours, ...options.activities },
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
  const dataConverter = options.dataConverter ?? loadDataConverter();
  // Where answers may stream to (decision 0017); local and cloud workers obey the same list.
  const streamSinks = parseStreamSinks(options.env.SWITCHYARD_STREAM_SINKS);
  return Promise.all(
    [...byQueue].map(([taskQueue, backends]) => {
      const registry = createBackendRegistry(backends.map((served) => createBackend(served.connection)));
      const guard = options.kind === 'cloud' ? createSensitiveGuard(options.classifier!, options.policy) : undefined;
      return Worker.create({
        connection: options.connection,
        namespace: options.namespace ?? 'default',
        dataConverter,
        taskQueue,
        maxConcurrentActivityTaskExecutions: options.maxConcurrentActivities ?? embeddedSlots(backends),
        activities: {
          ...createInferenceActivities({ backends: registry, guard, streamSinks }),
          ...guardConfidenceActivities(createConfidenceActivities({ backends: registry }), guard),
        },
      });
    }),
  );
}

/** An embedded llama.cpp pool runs as many activities at once as it has slots (one context each). */
function embeddedSlots(backends: ServedBackend[]): number | undefined {
  const embedded = backends.filter((served) => served.connection.protocol === 'llama-cpp');
  return embedded.length === 0 ? undefined : embedded.reduce((sum, served) => sum + (served.connection.llamaCpp?.slots ?? 1), 0);
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
