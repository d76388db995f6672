import { describe, expect, it } from 'vitest';
import type { BackendConnection, ChatBackend } from '../../backends/backend.js';
import { BackendError } from '../../backends/backend-error.js';
import { createBackendRegistry, UnknownBackendError } from '../../backends/backend-registry.js';
import { createBackend } from '../../backends/create-backend.js';

const fakeBackend = (id: string): ChatBackend => ({
  id,
  protocol: 'ollama',
  chat: async () => ({ text: '', model: 'fake', usage: { inputTokens: 0, outputTokens: 0 }, finishReason: 'stop' }),
});

describe('backend registry', () => {
  it('returns the backend registered under an id and lists ids in registration order', () => {
    const local = fakeBackend('local-gpu');
    const registry = createBackendRegistry([local, fakeBackend('cloud-openai')]);
    expect(registry.get('local-gpu')).toBe(local);
    expect(registry.ids()).toEqual(['local-gpu', 'cloud-openai']);
  });

  it('fails on an unknown id with a non-retryable UnknownBackend error listing the known ids', () => {
    const registry = createBackendRegistry([fakeBackend('local-gpu'), fakeBackend('cloud-openai')]);
    let thrown: unknown;
    try {
      registry.get('local-gpux');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(UnknownBackendError);
    expect(thrown).toBeInstanceOf(BackendError);
    expect(thrown).toMatchObject({ type: 'UnknownBackend', isRetryable: false, backendId: 'local-gpux', knownIds: ['local-gpu', 'cloud-openai'] });
    expect((thrown as Error).message).toContain('"local-gpu", "cloud-openai"');
  });

  it('says so when asked for an id while no backend is registered', () => {
    expect(() => createBackendRegistry([]).get('any')).toThrow(/none are registered/);
  });

  it('rejects two backends with the same id at creation', () => {
    expect(() => createBackendRegistry([fakeBackend('a'), fakeBackend('b'), fakeBackend('a')])).toThrow(/Duplicate backend id "a"/);
  });
});

describe('createBackend', () => {
  const connection = { id: 'x', baseUrl: 'http://127.0.0.1:1', timeoutMs: 1000 };

  it.each(['ollama', 'openai-compatible'] as const)('builds a %s backend for that protocol', (protocol) => {
    const backend = createBackend({ ...connection, protocol });
    expect(backend).toMatchObject({ id: 'x', protocol });
  });

  it('rejects an unknown protocol with an error listing the known protocols', () => {
    const unknownProtocol = { ...connection, protocol: 'grpc' } as unknown as BackendConnection;
    expect(() => createBackend(unknownProtocol)).toThrow('Backend "x" has unknown protocol "grpc"; known protocols: ollama, openai-compatible');
  });
});
