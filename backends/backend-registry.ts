/** Backends looked up by id; an unknown id fails loudly with the ids that do exist. */
import type { ChatBackend } from './backend.js';
import { BackendError } from './backend-error.js';

/** No backend has this id: a configuration mistake, so never retryable. */
export class UnknownBackendError extends BackendError {
  override readonly name = 'UnknownBackendError';

  constructor(
    backendId: string,
    readonly knownIds: readonly string[],
  ) {
    const known = knownIds.length === 0 ? 'none are registered' : `known backends: ${knownIds.map((id) => `"${id}"`).join(', ')}`;
    super({ type: 'UnknownBackend', backendId, detail: `no backend with this id (${known})` });
  }
}

/** A fixed set of backends, by id. */
export interface BackendRegistry {
  /** The backend with this id; throws UnknownBackendError otherwise. */
  get(id: string): ChatBackend;
  /** The registered ids, in registration order. */
  ids(): string[];
}

/** Creates a registry; two backends with the same id are rejected (a silent overwrite would misroute). */
export function createBackendRegistry(backends: ChatBackend[]): BackendRegistry {
  const byId = new Map<string, ChatBackend>();
  for (const backend of backends) {
    if (byId.has(backend.id)) throw new Error(`Duplicate backend id "${backend.id}": each backend must have its own id`);
    byId.set(backend.id, backend);
  }
  return {
    get(id) {
      const backend = byId.get(id);
      if (!backend) throw new UnknownBackendError(id, [...byId.keys()]);
      return backend;
    },
    ids: () => [...byId.keys()],
  };
}
