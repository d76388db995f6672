/**
 * `switchyard/worker`: run Switchyard's workers beside your own code. The control worker takes your
 * workflows (a path, checked for workflow-safe imports while bundling) and your activities, and
 * registers Switchyard's policy, classification and retrieval activities beside them; inference
 * workers serve the policy's local or cloud task queues.
 */
export { createControlWorker, createInferenceWorkers, type ControlWorkerOptions, type InferenceWorkerOptions, type WorkerTarget } from '../workers/create-workers.js';
export { connectWorker, installQuietRuntime, workflowBundle as bundleWorkflows, type WorkflowSource } from '../workers/worker-runtime.js';
export { isWorkflowSafe, WorkflowImportError } from '../workers/workflow-import-check.js';
export { classifierFromEnvironment } from '../workers/classifier-from-environment.js';
export { createDefaultClassifier } from '../classification/default-classifier.js';
export type { Classifier } from '../classification/classifier.js';
export { loadDataConverter, withPolicyRecords } from '../temporal/data-converter.js';
export { PolicyRecordError, type PolicyRecordsTarget } from '../temporal/policy-records.js';
export { loadPolicyFile, parsePolicy } from '../routing/policy-loader.js';
export { CONTROL_TASK_QUEUE } from '../routing/task-queues.js';
