/** A Temporal client for CLI commands, with a clear error when the server is not there. */
import { Client, Connection } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import proto from '@temporalio/proto';
import { loadDataConverter } from '../temporal/data-converter.js';
import { TemporalUnreachableError } from '../temporal/temporal-unreachable-error.js';
import type { SwitchyardEnvironment } from '../workers/worker-environment.js';

const { TaskQueueType } = proto.temporal.api.enums.v1;

/**
 * Connect a client to the configured server and namespace, with the payload codec (no key configured:
 * a start-up error). A caller that needs the DataConverter itself passes the one it loaded.
 */
export async function connectClient(settings: SwitchyardEnvironment, dataConverter: DataConverter = loadDataConverter()): Promise<{ client: Client; close: () => Promise<void> }> {
  let connection: Connection;
  try {
    connection = await Connection.connect({ address: settings.temporalAddress, connectTimeout: 5_000 });
  } catch (error) {
    throw new TemporalUnreachableError(settings.temporalAddress, error);
  }
  return { client: new Client({ connection, namespace: settings.namespace, dataConverter }), close: () => connection.close() };
}

/** Whether any worker polled the queue recently for workflow or activity tasks (without one, work just waits). */
export async function hasPollers(client: Client, namespace: string, taskQueue: string): Promise<boolean> {
  for (const taskQueueType of [TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW, TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY]) {
    const response = await client.workflowService.describeTaskQueue({ namespace, taskQueue: { name: taskQueue }, taskQueueType });
    if ((response.pollers ?? []).length > 0) return true;
  }
  return false;
}
