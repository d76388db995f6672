/**
 * The embedded local backend: llama.cpp inside the local inference worker's process (node-llama-cpp),
 * no server to run. GGUF models load from a local path (the `switchyard models` folder by model name,
 * or a fixed `modelPath`); each slot is its own context, so `slots` requests generate at once and
 * the worker's activity concurrency should equal it. Token probabilities come from the sampler, so
 * confidence is real. Cancellation (the activity's signal) and the timeout stop generation between
 * two tokens. With `onDelta`, each token's text is handed on as it is generated.
 */
import { getLlama, LlamaGrammarEvaluationState, resolveChatWrapper, type ChatHistoryItem, type Llama, type LlamaContextSequence, type LlamaModel, type ChatWrapper, type Token } from 'node-llama-cpp';
import { ModelMissingError, resolveModel } from '../models/model-store.js';
import type { ChatBackend, ChatRequest, ChatResult, LlamaCppOptions, TokenAlternative } from './backend.js';
import { BackendError } from './backend-error.js';
import { startRequestDeadline, type RequestDeadline } from './request-deadline.js';

/** What createLlamaCppBackend needs: the connection's id and timeout, and the llama.cpp options. */
export interface LlamaCppBackendOptions {
  id: string;
  timeoutMs: number;
  llamaCpp?: Partial<LlamaCppOptions>;
}

/** Defaults: 1 thread (2 threads on 2 busy cores nearly stop generation), CPU only, 1 slot. */
export const llamaCppDefaults: LlamaCppOptions = { threads: 1, gpuLayers: 0, slots: 1, contextSize: 2048, defaultMaxOutputTokens: 512 };

/** One loaded GGUF with its slots; requests queue for a free slot. */
interface LoadedModel {
  model: LlamaModel;
  chatWrapper: ChatWrapper;
  free: LlamaContextSequence[];
  waiting: Array<(sequence: LlamaContextSequence) => void>;
}

// One llama.cpp runtime per process and per GPU choice: loading the native library is not cheap.
const runtimes = new Map<string, Promise<Llama>>();

function runtime(gpu: boolean): Promise<Llama> {
  const key = gpu ? 'auto' : 'cpu';
  let llama = runtimes.get(key);
  if (!llama) {
    // build: 'never' — only the prebuilt binaries that came with the package; never compile at run time.
    llama = getLlama({ gpu: gpu ? 'auto' : false, build: 'never', logLevel: 'error' as never });
    runtimes.set(key, llama);
  }
  return llama;
}

/** Tokens before a streamed piece given to the detokenizer as context (it decides spacing from them). */
const DETOKENIZE_CONTEXT_TOKENS = 8;
/** What an incomplete UTF-8 sequence at the end of a piece decodes to. */
const REPLACEMENT_CHARACTER = '\uFFFD';

/** Creates the embedded backend. Models load on first use and stay loaded until `dispose()`. */
export function createLlamaCppBackend(options: LlamaCppBackendOptions): ChatBackend & { dispose(): Promise<void> } {
  const settings: LlamaCppOptions = { ...llamaCppDefaults, ...options.llamaCpp };
  const loaded = new Map<string, Promise<LoadedModel>>();
  const backendId = options.id;

  async function load(path: string): Promise<LoadedModel> {
    const llama = await runtime(settings.gpuLayers !== 0);
    const model = await llama.loadModel({ modelPath: path, gpuLayers: settings.gpuLayers });
    const chatWrapper = resolveChatWrapper(model);
    if (!chatWrapper) throw new BackendError({ type: 'BadRequest', backendId, detail: `${path} has no chat template node-llama-cpp knows` });
    const free: LlamaContextSequence[] = [];
    for (let slot = 0; slot < settings.slots; slot++) {
      const context = await model.createContext({ threads: settings.threads, contextSize: settings.contextSize, sequences: 1 });
      free.push(context.getSequence());
    }
    return { model, chatWrapper, free, waiting: [] };
  }

  async function modelFor(request: ChatRequest): Promise<LoadedModel> {
    let path = settings.modelPath;
    if (path === undefined) {
      try {
        const pulled = await resolveModel(request.model, settings.modelsDir);
        if (pulled.kind !== 'chat') throw new BackendError({ type: 'BadRequest', backendId, detail: `model "${request.model}" is an ${pulled.kind} model, not a chat model` });
        path = pulled.entryPath;
      } catch (error) {
        if (error instanceof ModelMissingError) throw new BackendError({ type: 'NotFound', backendId, status: 404, detail: error.message, cause: error });
        throw error;
      }
    }
    let model = loaded.get(path);
    if (!model) {
      model = load(path);
      loaded.set(path, model);
      // A failed load is not cached: the file may be pulled or fixed before Temporal's next attempt.
      model.catch(() => loaded.delete(path));
    }
    return model;
  }

  return {
    id: backendId,
    protocol: 'llama-cpp',
    async chat(request: ChatRequest): Promise<ChatResult> {
      if (request.signal?.aborted) throw new BackendError({ type: 'Cancelled', backendId, detail: 'the request was cancelled by the caller' });
      const deadline = startRequestDeadline(options.timeoutMs, request.signal);
      let sequence: LlamaContextSequence | undefined;
      let target: LoadedModel | undefined;
      try {
        target = await raceDeadline(modelFor(request), deadline);
        sequence = await acquire(target, deadline);
        return await generate(target, sequence, request, deadline);
      } catch (error) {
        throw asBackendError(error, deadline);
      } finally {
        deadline.dispose();
        if (target && sequence) release(target, sequence);
      }
    },
    async dispose() {
      for (const model of loaded.values()) await (await model.catch(() => undefined))?.model.dispose();
      loaded.clear();
    },
  };

  async function generate(target: LoadedModel, sequence: LlamaContextSequence, request: ChatRequest, deadline: RequestDeadline): Promise<ChatResult> {
    const { contextText } = target.chatWrapper.generateContextState({ chatHistory: chatHistoryOf(request) });
    const input = contextText.tokenize(target.model.tokenizer);
    const room = settings.contextSize - input.length;
    if (room < 1) throw new BackendError({ type: 'BadRequest', backendId, detail: `the prompt is ${input.length} tokens; the context holds ${settings.contextSize}` });
    const limit = Math.min(request.maxOutputTokens ?? settings.defaultMaxOutputTokens, room);
    const grammarEvaluationState = request.responseFormat
      ? new LlamaGrammarEvaluationState({ model: target.model, grammar: await jsonSchemaGrammar(target.model, request.responseFormat.schema ?? { type: 'object' }) })
      : undefined;
    // A finished request leaves its tokens in the slot; the next one starts from an empty history.
    await sequence.clearHistory();
    const output: Token[] = [];
    const logprobs: number[] = [];
    const topLogprobs = request.logprobs ? (request.topLogprobs ?? 0) : 0;
    const alternatives: TokenAlternative[][] = [];
    // Streaming: hand on the text the new tokens completed. Only the tokens not yet handed on are
    // detokenized, with a few before them as context (spacing depends on them), so an answer costs
    // linear work, not a whole-output detokenize per token; a multi-byte character can span
    // tokens, so a piece that ends in an incomplete one (U+FFFD) waits for the next token.
    let streamed = '';
    let streamedTokens = 0;
    const pendingText = (): string =>
      target.model.detokenize(output.slice(streamedTokens), false, output.slice(Math.max(0, streamedTokens - DETOKENIZE_CONTEXT_TOKENS), streamedTokens));
    const emit = (): void => {
      if (!request.onDelta) return;
      const piece = pendingText();
      if (piece.length === 0 || piece.endsWith(REPLACEMENT_CHARACTER)) return;
      request.onDelta(piece);
      streamed += piece;
      streamedTokens = output.length;
    };
    let finishReason = 'stop';
    if (limit === 0) finishReason = 'length';
    else {
      // Greedy by default: a small model sampled at a server-like 0.8 wanders off (and its confidence with it).
      // The whole probability list only when the caller asked for the likeliest tokens (it costs a sort of the vocabulary).
      const metadata = { confidence: true, probabilities: topLogprobs > 0 } as const;
      const evaluation = sequence.evaluateWithMetadata(input, metadata, { temperature: request.temperature ?? 0, ...(grammarEvaluationState ? { grammarEvaluationState } : {}) });
      for await (const next of evaluation) {
        if (deadline.signal.aborted) break;
        output.push(next.token);
        // The sampler's probability of the chosen token, after temperature: a real logprob.
        logprobs.push(logprobOf(next.confidence));
        if (topLogprobs > 0) alternatives.push(likeliest((next as { probabilities?: Map<Token, number> }).probabilities, topLogprobs, target.model));
        emit();
        if (output.length >= limit) {
          finishReason = 'length';
          break;
        }
      }
      if (deadline.signal.aborted) throw deadline.signal.reason;
    }
    // A streamed answer is exactly the pieces handed on (the rest flushed now), so the stream and
    // the result never disagree; a whole answer is detokenized once.
    let text: string;
    if (request.onDelta) {
      const rest = streamedTokens < output.length ? pendingText() : '';
      if (rest.length > 0) request.onDelta(rest);
      text = streamed + rest;
    } else text = target.model.detokenize(output);
    return {
      text,
      model: request.model,
      usage: { inputTokens: input.length, outputTokens: output.length },
      finishReason,
      ...(request.logprobs
        ? {
            logprobs,
            tokenLogprobs: output.map((token, index) => ({
              token: target.model.detokenize([token]),
              logprob: logprobs[index]!,
              ...(topLogprobs > 0 ? { top: alternatives[index]! } : {}),
            })),
          }
        : {}),
    };
  }

  function asBackendError(error: unknown, deadline: RequestDeadline): BackendError {
    const abortedBy = deadline.abortedBy();
    if (abortedBy === 'caller') return new BackendError({ type: 'Cancelled', backendId, detail: 'the request was cancelled by the caller', cause: error });
    if (abortedBy === 'deadline') return new BackendError({ type: 'Timeout', backendId, detail: `no answer within ${options.timeoutMs} ms`, cause: error });
    if (error instanceof BackendError) return error;
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    // A file that is not a GGUF, or a model too big for memory: retrying the same request cannot help.
    return new BackendError({ type: 'BadRequest', backendId, detail: `llama.cpp failed: ${message}`, cause: error });
  }
}

function chatHistoryOf(request: ChatRequest): ChatHistoryItem[] {
  const history: ChatHistoryItem[] = request.messages.map((message) =>
    message.role === 'assistant' ? { type: 'model', response: [message.content] } : { type: message.role, text: message.content },
  );
  // An empty model turn at the end: the template then ends with the assistant's opening tag.
  return [...history, { type: 'model', response: [] }];
}

const grammars = new WeakMap<LlamaModel, Map<string, Promise<Awaited<ReturnType<Llama['createGrammarForJsonSchema']>>>>>();

function jsonSchemaGrammar(model: LlamaModel, schema: Record<string, unknown>): Promise<Awaited<ReturnType<Llama['createGrammarForJsonSchema']>>> {
  let byModel = grammars.get(model);
  if (!byModel) grammars.set(model, (byModel = new Map()));
  const key = JSON.stringify(schema);
  let grammar = byModel.get(key);
  if (!grammar) {
    grammar = model.llama.createGrammarForJsonSchema(schema as never);
    byModel.set(key, grammar);
    grammar.catch(() => byModel.delete(key));
  }
  return grammar;
}

/** Waits for a free slot, or until the deadline or the caller gives up. */
function acquire(target: LoadedModel, deadline: RequestDeadline): Promise<LlamaContextSequence> {
  const free = target.free.pop();
  if (free) return Promise.resolve(free);
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      const index = target.waiting.indexOf(grant);
      if (index >= 0) target.waiting.splice(index, 1);
      reject(deadline.signal.reason);
    };
    const grant = (sequence: LlamaContextSequence): void => {
      deadline.signal.removeEventListener('abort', onAbort);
      resolve(sequence);
    };
    if (deadline.signal.aborted) return onAbort();
    deadline.signal.addEventListener('abort', onAbort, { once: true });
    target.waiting.push(grant);
  });
}

function release(target: LoadedModel, sequence: LlamaContextSequence): void {
  const next = target.waiting.shift();
  if (next) next(sequence);
  else target.free.push(sequence);
}

function raceDeadline<T>(work: Promise<T>, deadline: RequestDeadline): Promise<T> {
  if (deadline.signal.aborted) return Promise.reject(deadline.signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = (): void => reject(deadline.signal.reason);
    deadline.signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => deadline.signal.removeEventListener('abort', onAbort));
  });
}

/** The `count` likeliest tokens of a position, most likely first (the map comes sorted that way), as text and logprob. */
function likeliest(probabilities: Map<Token, number> | undefined, count: number, model: LlamaModel): TokenAlternative[] {
  const top: TokenAlternative[] = [];
  if (probabilities === undefined) return top;
  for (const [token, probability] of probabilities) {
    if (top.length >= count) break;
    top.push({ token: model.detokenize([token]), logprob: logprobOf(probability) });
  }
  return top;
}

/** The log of a probability, clamped off log(0). */
function logprobOf(probability: number): number {
  return Math.log(Math.max(probability, Number.MIN_VALUE));
}
