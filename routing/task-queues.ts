/**
 * Task-queue names, in one place: routing an inference step means choosing one of these.
 * Pure: used by workflows, workers and clients alike.
 */
import type { BackendConfig } from './policy-schema.js';

/** The control queue: workflows plus classify/policy activities. Never holds cloud keys. */
export const CONTROL_TASK_QUEUE = 'switchyard-control';

/** Prefix of local inference queues (`switchyard-local-<pool>`). */
export const LOCAL_QUEUE_PREFIX = 'switchyard-local-';
/** Prefix of cloud inference queues (`switchyard-cloud-<pool>`). */
export const CLOUD_QUEUE_PREFIX = 'switchyard-cloud-';

/** The inference task queue of a backend. */
export function taskQueueOfBackend(backendId: string, backend: Pick<BackendConfig, 'kind' | 'pool'>): string {
  const prefix = backend.kind === 'cloud' ? CLOUD_QUEUE_PREFIX : LOCAL_QUEUE_PREFIX;
  return `${prefix}${backend.pool ?? backendId}`;
}

/** Whether a task queue is a cloud queue (the audit checks no sensitive class was sent to one). */
export function isCloudTaskQueue(taskQueue: string): boolean {
  return taskQueue.startsWith(CLOUD_QUEUE_PREFIX);
}
