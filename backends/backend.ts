/**
 * The backend seam: one small interface every model server implements (Ollama, any
 * OpenAI-compatible server or cloud API). Retries are Temporal's job, never the backend's.
 */

/** One chat message. */
export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** A chat request in provider-neutral form; `model` is the provider's own model name. */
export interface ChatRequest {
  model: string;
  messages: ChatMessage[];
  maxOutputTokens?: number;
  temperature?: number;
  /** Ask for per-token log-probabilities (confidence); backends that cannot give them return none. */
  logprobs?: boolean;
  /**
   * With `logprobs`: also the most likely tokens at each position, up to this many (0-20, OpenAI's
   * `top_logprobs`), as `top` on each token; backends that cannot give them return none.
   */
  topLogprobs?: number;
  /**
   * Ask for structured output (OpenAI `response_format`, Ollama `format`): JSON matching `schema`,
   * or, without a schema, any one JSON object.
   */
  responseFormat?: { name: string; schema?: Record<string, unknown> };
  /** Aborts the HTTP call (Temporal activity cancellation is wired to this). */
  signal?: AbortSignal;
  /**
   * Called with each piece of answer text as it arrives. Backends that can stream then use their
   * protocol's streaming wire; the result is the same whole answer either way. Backends that cannot
   * (the extractive answerer) never call it.
   */
  onDelta?: (text: string) => void;
}

/** A token and its log-probability. */
export interface TokenAlternative {
  token: string;
  logprob: number;
}

/** One answer token with its log-probability, and the likeliest tokens at its place when asked (`topLogprobs`). */
export interface TokenLogprob extends TokenAlternative {
  /** Most likely first; present only when asked for and the backend gave them. */
  top?: TokenAlternative[];
}

/** Token usage as the backend reported it (zero when it did not). */
export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
}

/** A chat answer in provider-neutral form. */
export interface ChatResult {
  text: string;
  /** Model name the backend says answered. */
  model: string;
  usage: TokenUsage;
  finishReason: string;
  /** Per-token log-probabilities of the answer, when asked for and the backend gave them. */
  logprobs?: number[];
  /** The same log-probabilities with their tokens, when the backend names the tokens. */
  tokenLogprobs?: TokenLogprob[];
  /** Set by backends that can judge their own answer (e.g. the extractive answerer), in [0, 1]. */
  confidence?: number;
}

/** The wire protocols Switchyard speaks. */
export type BackendProtocol = 'ollama' | 'openai-compatible' | 'extractive' | 'llama-cpp';

/** Settings of the embedded llama.cpp backend (protocol `llama-cpp`). */
export interface LlamaCppOptions {
  /** A GGUF file that serves every model name; without it, models resolve by name from `modelsDir`. */
  modelPath?: string;
  /** Where `switchyard models pull` put the models (default $SWITCHYARD_MODELS_DIR or .data/models). */
  modelsDir?: string;
  /** CPU threads per slot; set it explicitly, busy cores make more threads slower, not faster. */
  threads: number;
  /** Layers offloaded to a GPU: 0 = CPU only, 'auto' = as many as fit. */
  gpuLayers: number | 'auto';
  /** Requests generated at once, each in its own context; the worker's concurrency should equal it. */
  slots: number;
  /** Tokens per context (prompt + answer). */
  contextSize: number;
  /** Answer length when a request sets none (a small model can ramble until the context is full). */
  defaultMaxOutputTokens: number;
}

/** Where and how to reach one backend. Built by workers from the policy and the environment. */
export interface BackendConnection {
  id: string;
  protocol: BackendProtocol;
  baseUrl: string;
  /** Only cloud workers ever hold a key. */
  apiKey?: string;
  /** Per-request HTTP timeout; a timeout is a retryable BackendError. */
  timeoutMs: number;
  /** Only for protocol `llama-cpp` (which has no baseUrl). */
  llamaCpp?: Partial<LlamaCppOptions>;
}

/** A model backend: an id, its protocol, and one method. */
export interface ChatBackend {
  readonly id: string;
  readonly protocol: BackendProtocol;
  chat(request: ChatRequest): Promise<ChatResult>;
}
