/** Builds the ChatBackend for a connection from its protocol. */
import type { BackendConnection, BackendProtocol, ChatBackend } from './backend.js';
import { createExtractiveBackend } from './extractive-backend.js';
import { createLlamaCppBackend } from './llama-cpp-backend.js';
import { createOllamaBackend } from './ollama-backend.js';
import { createOpenAICompatibleBackend } from './openai-compatible-backend.js';

/** Every protocol createBackend understands. */
export const backendProtocols: readonly BackendProtocol[] = ['ollama', 'openai-compatible', 'extractive', 'llama-cpp'];

/** Creates the backend for `connection.protocol`; an unknown protocol throws, listing the known ones. */
export function createBackend(connection: BackendConnection): ChatBackend {
  const protocol = connection.protocol;
  switch (protocol) {
    case 'ollama':
      return createOllamaBackend(connection);
    case 'openai-compatible':
      return createOpenAICompatibleBackend(connection);
    case 'extractive':
      return createExtractiveBackend({ id: connection.id });
    case 'llama-cpp':
      return createLlamaCppBackend({ id: connection.id, timeoutMs: connection.timeoutMs, ...(connection.llamaCpp ? { llamaCpp: connection.llamaCpp } : {}) });
    default: {
      // Compile time: a new protocol without a case fails here. Run time: config that skipped validation.
      const unknown: never = protocol;
      throw new Error(`Backend "${connection.id}" has unknown protocol "${String(unknown)}"; known protocols: ${backendProtocols.join(', ')}`);
    }
  }
}
