import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackendProtocol } from '../../backends/backend.js';
import { probeBackend } from '../../backends/probe-backend.js';
import { closedPortUrl } from '../doubles/closed-port.js';
import { startModelServer, type ModelServer } from '../doubles/model-server.js';
import { ensureModel, SMALL_CHAT_MODEL } from './real-models.js';

describe('probeBackend', () => {
  let server: ModelServer;
  beforeAll(async () => {
    server = await startModelServer();
  });
  afterAll(async () => {
    await server.close();
  });

  const cases: Array<{ protocol: BackendProtocol; baseUrl: () => string; path: string }> = [
    { protocol: 'ollama', baseUrl: () => server.ollamaUrl, path: '/api/version' },
    { protocol: 'openai-compatible', baseUrl: () => server.openaiUrl, path: '/v1/models' },
  ];

  for (const { protocol, baseUrl, path } of cases) {
    it(`reports a running ${protocol} server as reachable via ${path}`, async () => {
      const result = await probeBackend({ id: 'p', protocol, baseUrl: baseUrl(), timeoutMs: 1000 }, 1000);
      expect(result.reachable).toBe(true);
      expect(result.detail).toContain(`${server.url}${path} answered HTTP 200`);
      expect(server.requests.at(-1)).toMatchObject({ method: 'GET', path });
    });

    it(`reports a closed port as unreachable for ${protocol}, naming the URL and the reason`, async () => {
      const url = await closedPortUrl();
      const result = await probeBackend({ id: 'p', protocol, baseUrl: protocol === 'ollama' ? url : `${url}/v1`, timeoutMs: 1000 }, 1000);
      expect(result.reachable).toBe(false);
      expect(result.detail).toContain(`${url}${path} is not reachable`);
      expect(result.detail).toContain('ECONNREFUSED');
    });
  }

  it('names the models an OpenAI-compatible server offers and the version Ollama reports', async () => {
    const openai = await probeBackend({ id: 'p', protocol: 'openai-compatible', baseUrl: `${server.openaiUrl}/`, timeoutMs: 1000 }, 1000);
    expect(openai.detail).toContain('2 models: double-small, double-large');
    const ollama = await probeBackend({ id: 'p', protocol: 'ollama', baseUrl: server.ollamaUrl, timeoutMs: 1000 }, 1000);
    expect(ollama.detail).toContain('(Ollama 0.0.0-model-server-double)');
  });

  it('reports an error status as unreachable with the server message, and sends the key when configured', async () => {
    const result = await probeBackend({ id: 'p', protocol: 'openai-compatible', baseUrl: `${server.url}/nowhere`, apiKey: 'sk-probe', timeoutMs: 1000 }, 1000);
    expect(result).toMatchObject({ reachable: false });
    expect(result.detail).toContain(`${server.url}/nowhere/models answered HTTP 404`);
    expect(server.requests.at(-1)?.headers.authorization).toBe('Bearer sk-probe');
  });

  it('never throws, even for a malformed base URL', async () => {
    const result = await probeBackend({ id: 'p', protocol: 'ollama', baseUrl: 'not a url', timeoutMs: 1000 }, 1000);
    expect(result.reachable).toBe(false);
    expect(result.detail).toContain('not a url/api/version is not reachable');
  });
});

describe('probeBackend for the embedded llama-cpp backend (its model files are what must be there)', () => {
  const embedded = (llamaCpp: { modelPath?: string; modelsDir?: string }) => ({ id: 'embedded', protocol: 'llama-cpp' as const, baseUrl: '', timeoutMs: 1000, llamaCpp });

  it('is reachable when a chat model has been pulled, naming it', async () => {
    const pulled = await ensureModel(SMALL_CHAT_MODEL);
    const result = await probeBackend(embedded({}), 1000);
    expect(result).toMatchObject({ reachable: true });
    expect(result.detail).toContain(SMALL_CHAT_MODEL);
    expect((await probeBackend(embedded({ modelPath: pulled.entryPath }), 1000)).reachable).toBe(true);
  });

  it('is not reachable without models, and says which command pulls one', async () => {
    const result = await probeBackend(embedded({ modelsDir: '/nonexistent/models' }), 1000);
    expect(result.reachable).toBe(false);
    expect(result.detail).toContain('switchyard models pull smollm2:135m');
    expect((await probeBackend(embedded({ modelPath: '/nonexistent/model.gguf' }), 1000)).detail).toContain('/nonexistent/model.gguf is not readable (ENOENT)');
  });
});
