/**
 * `switchyard doubles`: the model-server double on its own (Ollama and OpenAI wire), for a user's
 * tests and trials without a GPU or a cloud key. Logs each request; stays up until Ctrl-C.
 */
import { startModelServer, type InjectedFailure } from '../test/doubles/model-server.js';
import { shutdownSignal } from './shutdown-signal.js';

/** Options of the command. */
export interface DoublesOptions {
  models?: string[];
  latencyMs?: number;
  /** Fail the first `failCount` chat requests with this HTTP status (failure injection). */
  failStatus?: InjectedFailure['status'];
  failCount?: number;
}

/** Run the double until SIGINT/SIGTERM; returns the exit code. */
export async function doublesCommand(options: DoublesOptions): Promise<number> {
  const server = await startModelServer(options.models ? { models: options.models } : {});
  if (options.latencyMs) server.setLatency(options.latencyMs);
  if (options.failStatus) server.injectFailures({ status: options.failStatus, count: options.failCount ?? 1 });
  console.log(`model-server double at ${server.url}\n  Ollama:  OLLAMA_HOST=${server.ollamaUrl}\n  OpenAI:  OPENAI_BASE_URL=${server.openaiUrl} (any API key)\n  models:  ${(options.models ?? ['double-small', 'double-large']).join(', ')}`);
  console.log('Answers echo the last message; Ctrl-C stops it.');
  let logged = 0;
  const logger = setInterval(() => {
    for (const request of server.requests.slice(logged)) console.log(`${request.method} ${request.path}${request.model ? ` model=${request.model}` : ''}`);
    logged = server.requests.length;
  }, 250);
  await shutdownSignal();
  clearInterval(logger);
  await server.close();
  return 0;
}
