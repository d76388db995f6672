/** A cheap "is anything listening there?" check, so the demo can say plainly why nothing answers. */
import { access } from 'node:fs/promises';
import { listModels, modelsDir } from '../models/model-store.js';
import type { BackendConnection } from './backend.js';

/** The outcome of a probe; `detail` always names the URL that was tried. */
export interface ProbeResult {
  reachable: boolean;
  detail: string;
}

/** GETs the protocol's cheapest endpoint (Ollama `/api/version`, OpenAI `{baseUrl}/models`); never throws. */
export async function probeBackend(connection: BackendConnection, timeoutMs: number): Promise<ProbeResult> {
  // The extractive answerer runs in the worker's own process: there is nothing to reach.
  if (connection.protocol === 'extractive') return { reachable: true, detail: 'built-in offline answerer (answers from retrieved passages)' };
  if (connection.protocol === 'llama-cpp') return probeEmbedded(connection);
  const url = probeUrl(connection);
  try {
    const response = await fetch(url, {
      // A cloud `/models` needs the key; Ollama ignores it. No key means no header, never a placeholder.
      headers: connection.apiKey ? { Authorization: `Bearer ${connection.apiKey}` } : {},
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = await response.text();
    if (!response.ok) {
      // Reachable in the network sense, but not usable: say which, with the server's words.
      return { reachable: false, detail: `${url} answered HTTP ${response.status}: ${body.slice(0, 200)}` };
    }
    return { reachable: true, detail: `${url} answered HTTP ${response.status}${describe(connection, body)}` };
  } catch (error) {
    return { reachable: false, detail: `${url} is not reachable: ${reason(error, timeoutMs)}` };
  }
}

function probeUrl(connection: BackendConnection): string {
  const base = connection.baseUrl.replace(/\/+$/, '');
  return connection.protocol === 'ollama' ? `${base}/api/version` : `${base}/models`;
}

// A short summary helps the operator confirm it is the server they meant.
function describe(connection: BackendConnection, body: string): string {
  try {
    const parsed: unknown = JSON.parse(body);
    if (connection.protocol === 'ollama' && isRecord(parsed) && typeof parsed.version === 'string') return ` (Ollama ${parsed.version})`;
    if (isRecord(parsed) && Array.isArray(parsed.data)) {
      const ids = parsed.data.map((model: unknown) => (isRecord(model) ? String(model.id) : '?'));
      return ` (${ids.length} models${ids.length ? `: ${ids.slice(0, 5).join(', ')}` : ''})`;
    }
  } catch {
    // Not JSON: the status alone is the answer; a probe only checks reachability.
  }
  return '';
}

function reason(error: unknown, timeoutMs: number): string {
  if (!(error instanceof Error)) return String(error);
  if (error.name === 'TimeoutError') return `no answer within ${timeoutMs} ms`;
  const cause = error.cause;
  if (cause instanceof Error) {
    const code = (cause as NodeJS.ErrnoException).code;
    return code && !cause.message.includes(code) ? `${code} ${cause.message}` : cause.message;
  }
  return error.message;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

// The embedded backend runs in the local worker: "reachable" means its model files are on disk.
async function probeEmbedded(connection: BackendConnection): Promise<ProbeResult> {
  const modelPath = connection.llamaCpp?.modelPath;
  if (modelPath !== undefined) {
    try {
      await access(modelPath);
      return { reachable: true, detail: `embedded llama.cpp, model file ${modelPath}` };
    } catch (error) {
      return { reachable: false, detail: `embedded llama.cpp: model file ${modelPath} is not readable (${(error as NodeJS.ErrnoException).code ?? String(error)})` };
    }
  }
  const dir = connection.llamaCpp?.modelsDir ?? modelsDir();
  const chatModels = (await listModels(dir)).filter((model) => model.kind === 'chat').map((model) => model.name);
  if (chatModels.length === 0) return { reachable: false, detail: `embedded llama.cpp: no chat model in ${dir}; run \`switchyard models pull smollm2:135m\`` };
  return { reachable: true, detail: `embedded llama.cpp (${chatModels.join(', ')} in ${dir})` };
}
