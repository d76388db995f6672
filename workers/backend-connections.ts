/**
 * Builds the backend connections one kind of inference worker serves, from the policy and the
 * environment. Only cloud workers call this with kind 'cloud', so only they ever read cloud keys.
 */
import type { BackendConnection } from '../backends/backend.js';
import type { Policy } from '../routing/policy-schema.js';
import { taskQueueOfBackend } from '../routing/task-queues.js';

/** A backend this worker serves, with the task queue it listens on. */
export interface ServedBackend {
  connection: BackendConnection;
  taskQueue: string;
}

/** A missing setting a worker cannot start without. */
export class WorkerConfigurationError extends Error {
  override readonly name = 'WorkerConfigurationError';
  readonly isRetryable = false;
}

/** Ollama accepts OLLAMA_HOST without a scheme (`127.0.0.1:11434`); URLs need one. */
function withScheme(url: string): string {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? url : `http://${url}`;
}

/** Every backend of `kind` in the policy, with its address (env override) and, if it has one, key. */
export function servedBackends(policy: Policy, kind: 'local' | 'cloud', env: NodeJS.ProcessEnv): ServedBackend[] {
  return Object.entries(policy.backends)
    .filter(([, backend]) => backend.kind === kind)
    .map(([id, backend]) => {
      const configured = (backend.baseUrlEnv && env[backend.baseUrlEnv]) || backend.baseUrl;
      if (configured === undefined && backend.protocol !== 'extractive' && backend.protocol !== 'llama-cpp') {
        throw new WorkerConfigurationError(`Backend "${id}" has no address: set $${backend.baseUrlEnv} or baseUrl in policy ${policy.version}`);
      }
      // The extractive answerer runs in-process and has no address.
      const baseUrl = configured === undefined ? '' : withScheme(configured);
      let apiKey: string | undefined;
      if (backend.apiKeyEnv) {
        apiKey = env[backend.apiKeyEnv];
        if (!apiKey && kind === 'cloud') {
          throw new WorkerConfigurationError(`Backend "${id}" needs an API key in $${backend.apiKeyEnv} (policy ${policy.version}); set it in the cloud worker's environment`);
        }
      }
      return {
        connection: { id, protocol: backend.protocol, baseUrl, apiKey, timeoutMs: backend.timeoutMs, ...(backend.llamaCpp ? { llamaCpp: backend.llamaCpp } : {}) },
        taskQueue: taskQueueOfBackend(id, backend),
      };
    });
}
