/**
 * A test-only model server: one `node:http` server on 127.0.0.1 that speaks Ollama (`/api/*`) and
 * OpenAI (`/v1/*`) well enough for the real `ollama` and `openai` clients, with scripted answers,
 * injected failures, latency and hangs. The product never imports it.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { defaultAnswer, resolveAnswer, type AnswerFunction, type ChatCall, type ScriptedAnswer } from './model-server-answers.js';
import { sendEmbeddings } from './embedding-wire.js';
import { doubleOllamaVersion, ollamaError, ollamaTags, sendOllamaChat } from './ollama-wire.js';
import { openAIError, openAIModels, sendOpenAIChat } from './openai-wire.js';
import { chatFields, readBody, type ChatBodyOptions, type RecordedRequest } from './recorded-request.js';
import { sendJson } from './send-json.js';

export type { AnswerFunction, ChatCall, ReceivedResponseFormat, ScriptedAnswer, TokenLogprob } from './model-server-answers.js';
export type { RecordedRequest } from './recorded-request.js';

/** The next `count` chat requests (either protocol) fail with `status`; `body` is the server's message or a raw JSON body. */
export interface InjectedFailure {
  status: 400 | 401 | 403 | 404 | 408 | 409 | 422 | 429 | 500 | 502 | 503 | 504;
  count?: number;
  body?: string | Record<string, unknown>;
}

/** Options for startModelServer. */
export interface ModelServerOptions {
  /** Model names the server knows; a chat for any other model gets a 404, as real servers do. */
  models?: string[];
  /** Pause between the pieces of a streamed answer (default $SWITCHYARD_DOUBLE_TOKEN_LATENCY_MS or 0): a model generating. */
  tokenLatencyMs?: number;
}

/**
 * Decides when piece `write` (0 = the first body write) of a streamed answer may go out: resolve to
 * send it, reject to drop the connection there (a server dying mid-answer).
 */
export type StreamGate = (write: number) => Promise<void> | void;

/** A running model-server double. */
export interface ModelServer {
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  /** The Ollama base URL (same as `url`). */
  readonly ollamaUrl: string;
  /** The OpenAI base URL: `url + '/v1'`. */
  readonly openaiUrl: string;
  /** Every request received since start or the last reset (the same array throughout). */
  readonly requests: readonly RecordedRequest[];
  /** The chat requests among them (either protocol), oldest first. */
  chats(): RecordedRequest[];
  /** Scripts chat answers: a function for every call, or a queue consumed in order (then the default echo). */
  script(answers: AnswerFunction | ScriptedAnswer | ScriptedAnswer[]): void;
  /** Makes the next chat requests fail; injections queue up behind each other. */
  injectFailures(failure: InjectedFailure): void;
  /** Delays every chat answer by `ms` (0 turns it off). */
  setLatency(ms: number): void;
  /** Pauses `ms` before each piece of a streamed answer after the first (0 turns it off). */
  setTokenLatency(ms: number): void;
  /** Every streamed answer asks `gate` before each body write (undefined removes it); tests hold a stream mid-answer with it. */
  gateStream(gate: StreamGate | undefined): void;
  /** The next `count` chat requests are never answered: the client must time out or abort. */
  hangNext(count?: number): void;
  /** The next `count` chat requests get response headers and half a body, then a reset connection. */
  dropNext(count?: number): void;
  /** Forgets requests, scripts, failures, latency (token latency back to the start option), gates and pending hangs and drops. */
  reset(): void;
  /** Stops the server, destroying open and hung connections. */
  close(): Promise<void>;
}

/** The models a double knows unless told otherwise. */
export const defaultDoubleModels = ['double-small', 'double-large'];

// What each status says when a test injects it without a body.
const defaultFailureMessages: Record<number, string> = {
  400: 'bad request (injected)',
  401: 'invalid api key (injected)',
  429: 'rate limit exceeded (injected)',
  500: 'internal server error (injected)',
  503: 'service unavailable (injected)',
};

/** Starts the double on an ephemeral port of 127.0.0.1. */
export async function startModelServer(options: ModelServerOptions = {}): Promise<ModelServer> {
  const models = options.models ?? defaultDoubleModels;
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const closing = new AbortController();
  let answers: AnswerFunction | ScriptedAnswer[] = [];
  let failures: Array<Required<Pick<InjectedFailure, 'status' | 'count'>> & Pick<InjectedFailure, 'body'>> = [];
  let latencyMs = 0;
  const initialTokenLatencyMs = options.tokenLatencyMs ?? Number(process.env.SWITCHYARD_DOUBLE_TOKEN_LATENCY_MS ?? 0);
  let tokenLatencyMs = initialTokenLatencyMs;
  let streamGate: StreamGate | undefined;
  let hangs = 0;
  let drops = 0;
  let completionCounter = 0;

  async function nextAnswer(call: ChatCall): Promise<ScriptedAnswer> {
    if (typeof answers === 'function') return answers(call);
    return answers.shift() ?? defaultAnswer(call);
  }

  function sendError(res: ServerResponse, protocol: RecordedRequest['protocol'], status: number, body: string | Record<string, unknown>, headers: Record<string, string> = {}): void {
    if (typeof body !== 'string') return sendJson(res, status, body, headers);
    sendJson(res, status, protocol === 'ollama' ? ollamaError(body) : openAIError(status, body), headers);
  }

  async function chat(record: RecordedRequest, res: ServerResponse): Promise<void> {
    const failure = failures[0];
    if (failure) {
      if (--failure.count <= 0) failures.shift();
      const headers: Record<string, string> = failure.status === 429 ? { 'retry-after': '1' } : {};
      return sendError(res, record.protocol, failure.status, failure.body ?? defaultFailureMessages[failure.status] ?? `HTTP ${failure.status} (injected)`, headers);
    }
    if (hangs > 0) {
      hangs--;
      return; // Never answered; close() destroys the socket if the client has not given up first.
    }
    if (drops > 0) {
      drops--;
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
      res.write('{"model":');
      // Let the client read the headers first, so the failure happens while it reads the body.
      setTimeout(() => res.socket?.destroy(), 20).unref();
      return;
    }
    if (latencyMs > 0) await delay(latencyMs, undefined, { signal: closing.signal }).catch(() => undefined);
    if (res.destroyed || closing.signal.aborted) return;

    const body = (record.body ?? {}) as ChatBodyOptions;
    if (typeof record.model !== 'string' || !record.messages) return sendError(res, record.protocol, 400, '"model" and "messages" are required');
    if (!models.includes(record.model)) {
      const message = record.protocol === 'ollama' ? `model "${record.model}" not found, try pulling it first` : `The model \`${record.model}\` does not exist or you do not have access to it.`;
      return sendError(res, record.protocol, 404, message);
    }
    const maxTokens: unknown = record.protocol === 'ollama' ? body.options?.num_predict : (body.max_tokens ?? body.max_completion_tokens);
    const call: ChatCall = {
      protocol: record.protocol === 'ollama' ? 'ollama' : 'openai',
      model: record.model,
      messages: record.messages,
      ...(typeof maxTokens === 'number' ? { maxTokens } : {}),
      ...(record.responseFormat ? { responseFormat: record.responseFormat } : {}),
    };
    // A structured call gets the scripted text as-is: tests script valid (or deliberately invalid) JSON.
    const answer = resolveAnswer(await nextAnswer(call), call);
    const topLogprobs = typeof body.top_logprobs === 'number' ? body.top_logprobs : 0;
    const streamed = record.protocol === 'ollama' ? (record.stream ?? true) : (record.stream ?? false);
    if (streamed && (tokenLatencyMs > 0 || streamGate)) paceWrites(res, tokenLatencyMs, streamGate);
    if (record.protocol === 'ollama') return sendOllamaChat(res, record.model, answer, { stream: record.stream ?? true, logprobs: body.logprobs === true, topLogprobs });
    sendOpenAIChat(res, record.model, answer, {
      id: `chatcmpl-double-${++completionCounter}`,
      stream: record.stream ?? false,
      logprobs: body.logprobs === true,
      topLogprobs,
      includeUsage: body.stream_options?.include_usage === true,
    });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://double').pathname;
    const protocol = path.startsWith('/api/') ? 'ollama' : path.startsWith('/v1/') ? 'openai' : 'unknown';
    const record: RecordedRequest = { protocol, method: req.method ?? 'GET', path, headers: req.headers, body: undefined };
    requests.push(record);
    const raw = await readBody(req);
    if (raw) {
      try {
        record.body = JSON.parse(raw);
      } catch {
        return sendError(res, protocol, 400, `invalid JSON body: ${raw.slice(0, 80)}`);
      }
      Object.assign(record, chatFields(record.body, protocol));
    }
    const route = `${record.method} ${path}`;
    if (route === 'GET /api/version') return sendJson(res, 200, { version: doubleOllamaVersion });
    if (route === 'GET /api/tags') return sendJson(res, 200, ollamaTags(models));
    if (route === 'GET /v1/models') return sendJson(res, 200, openAIModels(models));
    if (route === 'POST /api/chat' || route === 'POST /v1/chat/completions') return chat(record, res);
    if (route === 'POST /api/embed' || route === 'POST /v1/embeddings') return sendEmbeddings(res, record, models);
    sendError(res, protocol, 404, `no route for ${route} on the model-server double`);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      // A bug in the double must show up in the test, not as a hang.
      if (!res.headersSent) sendJson(res, 500, { error: `model-server double failed: ${String(error)}` });
      else res.destroy();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    ollamaUrl: url,
    openaiUrl: `${url}/v1`,
    requests,
    chats: () => requests.filter((request) => request.messages !== undefined),
    script(next) {
      answers = typeof next === 'function' ? next : Array.isArray(next) ? [...next] : [next];
    },
    injectFailures(failure) {
      failures.push({ status: failure.status, count: failure.count ?? 1, ...(failure.body === undefined ? {} : { body: failure.body }) });
    },
    setLatency(ms) {
      latencyMs = ms;
    },
    setTokenLatency(ms) {
      tokenLatencyMs = ms;
    },
    gateStream(gate) {
      streamGate = gate;
    },
    hangNext(count = 1) {
      hangs += count;
    },
    dropNext(count = 1) {
      drops += count;
    },
    reset() {
      requests.length = 0;
      answers = [];
      failures = [];
      latencyMs = 0;
      tokenLatencyMs = initialTokenLatencyMs;
      streamGate = undefined;
      hangs = 0;
      drops = 0;
    },
    async close() {
      if (closing.signal.aborted) return;
      closing.abort();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}

/**
 * Makes a response's body writes go out one by one, `latencyMs` apart and each when `gate` allows:
 * the wire modules write a whole streamed answer at once, a real model does not. A gate that
 * rejects drops the connection at that write.
 */
function paceWrites(res: ServerResponse, latencyMs: number, gate: StreamGate | undefined): void {
  const write = res.write.bind(res) as (chunk: unknown) => boolean;
  const end = res.end.bind(res) as (chunk?: unknown) => ServerResponse;
  let chain = Promise.resolve();
  let writes = 0;
  let dropped = false;
  const pace = (send: () => void) => {
    const index = writes++;
    chain = chain
      .then(async () => {
        if (dropped) return;
        if (index > 0 && latencyMs > 0) await delay(latencyMs);
        await gate?.(index);
        if (!res.destroyed) send();
      })
      .catch(() => {
        dropped = true;
        res.socket?.destroy();
      });
  };
  res.write = ((chunk: unknown) => {
    pace(() => write(chunk));
    return true;
  }) as typeof res.write;
  res.end = ((chunk?: unknown) => {
    pace(() => end(chunk));
    return res;
  }) as typeof res.end;
}
