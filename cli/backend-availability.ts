/** Which of the policy's backends this machine can reach right now, said plainly. */
import { probeBackend } from '../backends/probe-backend.js';
import type { Policy } from '../routing/policy-schema.js';
import { servedBackends, WorkerConfigurationError } from '../workers/backend-connections.js';

/** One backend's availability. */
export interface BackendAvailability {
  id: string;
  kind: 'local' | 'cloud';
  reachable: boolean;
  detail: string;
}

/** Probe every backend of the policy; a cloud backend without its key is reported, not probed. */
export async function probePolicyBackends(policy: Policy, env: NodeJS.ProcessEnv, timeoutMs = 2_000): Promise<BackendAvailability[]> {
  const results: BackendAvailability[] = [];
  for (const [id, backend] of Object.entries(policy.backends)) {
    if (backend.protocol === 'extractive') {
      results.push({ id, kind: backend.kind, reachable: true, detail: 'built-in offline answerer (answers from retrieved passages)' });
      continue;
    }
    let served;
    try {
      served = servedBackends({ ...policy, backends: { [id]: backend } }, backend.kind, env)[0]!;
    } catch (error) {
      if (!(error instanceof WorkerConfigurationError)) throw error;
      results.push({ id, kind: backend.kind, reachable: false, detail: `not configured: $${backend.apiKeyEnv} is not set` });
      continue;
    }
    const probe = await probeBackend(served.connection, timeoutMs);
    results.push({ id, kind: backend.kind, reachable: probe.reachable, detail: probe.detail });
  }
  return results;
}
