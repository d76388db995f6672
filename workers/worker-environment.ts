/**
 * What every Switchyard process reads from its environment, with defaults, in one place.
 */
import { CONTROL_TASK_QUEUE } from '../routing/task-queues.js';

/** Process settings shared by workers, CLI and demo. */
export interface SwitchyardEnvironment {
  temporalAddress: string;
  namespace: string;
  policyFile: string;
  controlTaskQueue: string;
  uiUrl: string;
}

/** Read the settings (TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, SWITCHYARD_POLICY, ...). */
export function readEnvironment(env: NodeJS.ProcessEnv = process.env): SwitchyardEnvironment {
  const temporalAddress = env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233';
  return {
    temporalAddress,
    namespace: env.TEMPORAL_NAMESPACE ?? 'default',
    policyFile: env.SWITCHYARD_POLICY ?? 'policies/default.yaml',
    controlTaskQueue: env.SWITCHYARD_CONTROL_QUEUE ?? CONTROL_TASK_QUEUE,
    uiUrl: env.TEMPORAL_UI_URL ?? defaultUiUrl(temporalAddress),
  };
}

/** The dev server's UI listens on its gRPC port + 1000 (temporal/dev-server.ts): links follow the server's port. */
function defaultUiUrl(temporalAddress: string): string {
  const [host = 'localhost', port = '7233'] = temporalAddress.split(':');
  const uiHost = host === '127.0.0.1' || host === '0.0.0.0' ? 'localhost' : host;
  return `http://${uiHost}:${Number(port) + 1000}`;
}

/** The Temporal UI page of one workflow run. */
export function workflowUiLink(uiUrl: string, namespace: string, workflowId: string): string {
  return `${uiUrl}/namespaces/${encodeURIComponent(namespace)}/workflows/${encodeURIComponent(workflowId)}`;
}
