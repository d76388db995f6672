/** Which of the policy's backends this machine can reach right now, said plainly. */
import { probeBackend } from '../backends/probe-backend.js';
import type { Policy } from '../routing/policy-schema.js';
import { servedBackends, WorkerConfigurationError } from '../workers/backend-connections.js';

/** One backend's availability. */
export interface BackendAvailability {
  id: string;
  kind: 'local' | 'cloud';
  /** False when the worker could not even be set up (a missing key or address). */
  configured: boolean;
  reachable: boolean;
  detail: string;
}

/** Probe every backend of the policy at once; one that cannot be configured (no key) is reported, not probed. */
export async function probePolicyBackends(policy: Policy, env: NodeJS.ProcessEnv, timeoutMs = 2_000): Promise<BackendAvailability[]> {
  return Promise.all(
    Object.entries(policy.backends).map(async ([id, backend]) => {
      let served;
      try {
        served = servedBackends({ ...policy, backends: { [id]: backend } }, backend.kind, env)[0]!;
      } catch (error) {
        if (!(error instanceof WorkerConfigurationError)) throw error;
        return { id, kind: backend.kind, configured: false, reachable: false, detail: `not configured: ${error.message}` };
      }
      const probe = await probeBackend(served.connection, timeoutMs);
      return { id, kind: backend.kind, configured: true, reachable: probe.reachable, detail: probe.detail };
    }),
  );
}
