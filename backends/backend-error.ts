/**
 * Backend failures as one small hierarchy. Activities turn a BackendError into an
 * ApplicationFailure with its `type` and `nonRetryable = !isRetryable`; Temporal does the retrying.
 */
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';

/** What went wrong, coarse enough for retry and fallback decisions. */
export type BackendErrorType =
  | 'RateLimited'
  | 'ServerError'
  | 'Timeout'
  | 'Unreachable'
  | 'Conflict'
  | 'BadRequest'
  | 'Unauthorized'
  | 'NotFound'
  | 'InvalidResponse'
  | 'Cancelled'
  | 'UnknownBackend'
  | 'Unknown';

// Transient causes only: the same request may succeed later. Everything else needs a change first.
const retryableTypes: ReadonlySet<BackendErrorType> = new Set(['RateLimited', 'ServerError', 'Timeout', 'Unreachable', 'Conflict']);

/** Whether a failure of this type may succeed if the same request is sent again. */
export function isRetryableType(type: BackendErrorType): boolean {
  return retryableTypes.has(type);
}

/** Fields of a BackendError. */
export interface BackendErrorOptions {
  type: BackendErrorType;
  backendId: string;
  /** What happened, without the backend id (the constructor prefixes it). */
  detail: string;
  status?: number;
  /** How long the server asked us to wait (from `retry-after`), for Temporal's next retry delay. */
  retryAfterMs?: number;
  cause?: unknown;
}

/** A failed call to a model backend; `isRetryable` is derived from `type`. */
export class BackendError extends Error {
  override readonly name: string = 'BackendError';
  readonly type: BackendErrorType;
  readonly isRetryable: boolean;
  readonly status?: number;
  readonly backendId: string;
  readonly retryAfterMs?: number;

  constructor(options: BackendErrorOptions) {
    const status = options.status === undefined ? '' : ` (HTTP ${options.status})`;
    super(`Backend "${options.backendId}" failed: ${options.type}${status}: ${options.detail}`, { cause: options.cause });
    this.type = options.type;
    this.isRetryable = isRetryableType(options.type);
    this.backendId = options.backendId;
    if (options.status !== undefined) this.status = options.status;
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
  }
}

/** What the backend knows that the thrown error does not. */
export interface BackendErrorContext {
  /** Set when the call's own signal fired: the caller cancelled, or the per-request deadline passed. */
  abortedBy?: 'caller' | 'deadline';
  timeoutMs?: number;
  /** The `retry-after` header of the failed response, when the client hides headers (ollama). */
  retryAfter?: string | null;
}

/** The type an HTTP status maps to. */
export function typeForStatus(status: number): BackendErrorType {
  if (status === 429) return 'RateLimited';
  if (status === 408) return 'Timeout';
  if (status === 409) return 'Conflict';
  if (status >= 500) return 'ServerError';
  if (status === 401 || status === 403) return 'Unauthorized';
  if (status === 404) return 'NotFound';
  // 400, 413, 422 and any other 4xx: the request itself is wrong, sending it again cannot help.
  return 'BadRequest';
}

/** Maps whatever the `openai` or `ollama` client (or fetch) threw into a BackendError; never loses the cause. */
export function toBackendError(error: unknown, backendId: string, context: BackendErrorContext = {}): BackendError {
  if (error instanceof BackendError) return error;
  const base = { backendId, cause: error };
  // Our own signals are checked first: both clients report a fired signal as a generic abort.
  if (context.abortedBy === 'caller') return new BackendError({ ...base, type: 'Cancelled', detail: 'the request was cancelled by the caller' });
  if (context.abortedBy === 'deadline') return new BackendError({ ...base, type: 'Timeout', detail: timeoutDetail(context) });

  // openai: order matters, the abort and timeout classes are subclasses of APIConnectionError, itself an APIError.
  if (error instanceof APIUserAbortError) return new BackendError({ ...base, type: 'Cancelled', detail: error.message });
  if (error instanceof APIConnectionTimeoutError) return new BackendError({ ...base, type: 'Timeout', detail: timeoutDetail(context) });
  if (error instanceof APIConnectionError) return new BackendError({ ...base, type: networkFailureType(error) ?? 'Unreachable', detail: connectionDetail(error) });
  if (error instanceof APIError && typeof error.status === 'number') {
    return fromStatus(base, error.status, openAIServerMessage(error), error.headers?.get('retry-after'));
  }

  // ollama: its ResponseError class is not exported, so it is recognised by shape.
  if (isOllamaResponseError(error)) return fromStatus(base, error.status_code, error.error, context.retryAfter);

  if (error instanceof Error) {
    if (error.name === 'TimeoutError') return new BackendError({ ...base, type: 'Timeout', detail: timeoutDetail(context) });
    if (error.name === 'AbortError') return new BackendError({ ...base, type: 'Cancelled', detail: error.message });
    const network = networkFailureType(error);
    if (network) return new BackendError({ ...base, type: network, detail: connectionDetail(error) });
    if (error instanceof SyntaxError) return new BackendError({ ...base, type: 'InvalidResponse', detail: `unparseable response: ${error.message}` });
    return new BackendError({ ...base, type: 'Unknown', detail: `${error.name}: ${error.message}` });
  }
  return new BackendError({ ...base, type: 'Unknown', detail: String(error) });
}

function fromStatus(base: { backendId: string; cause: unknown }, status: number, serverMessage: string, retryAfter?: string | null): BackendError {
  const retryAfterMs = parseRetryAfter(retryAfter);
  return new BackendError({ ...base, type: typeForStatus(status), status, detail: serverMessage, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) });
}

// undici wraps socket failures as `TypeError: fetch failed` (before the response) or `terminated`
// (while reading the body), with the socket error and its code as the cause.
function networkFailureType(error: Error): 'Timeout' | 'Unreachable' | undefined {
  const codes: string[] = [];
  for (let cause: unknown = error, depth = 0; cause instanceof Error && depth < 5; cause = cause.cause, depth++) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (typeof code === 'string') codes.push(code);
  }
  if (codes.some((code) => code === 'ETIMEDOUT' || /^UND_ERR_\w*TIMEOUT$/.test(code))) return 'Timeout';
  const wrapped = error instanceof TypeError && (error.message === 'fetch failed' || error.message === 'terminated');
  if (wrapped || codes.some((code) => networkErrorCodes.has(code) || code.startsWith('UND_ERR_'))) return 'Unreachable';
  return undefined;
}

const networkErrorCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNABORTED']);

function timeoutDetail(context: BackendErrorContext): string {
  return context.timeoutMs === undefined ? 'the request timed out' : `no answer within ${context.timeoutMs} ms`;
}

// The socket-level reason (ECONNREFUSED 127.0.0.1:1234, ECONNRESET, ENOTFOUND host) is what an operator needs.
function connectionDetail(error: Error): string {
  const reasons: string[] = [error.message];
  let cause: unknown = error.cause;
  for (let depth = 0; depth < 4 && cause instanceof Error; depth++) {
    const code = (cause as NodeJS.ErrnoException).code;
    reasons.push(code && !cause.message.includes(code) ? `${code} ${cause.message}` : cause.message);
    cause = cause.cause;
  }
  return reasons.join(': ');
}

function openAIServerMessage(error: APIError): string {
  const body: unknown = error.error;
  if (body && typeof body === 'object' && 'message' in body && typeof body.message === 'string') return body.message;
  // APIError prefixes its message with the status; drop it, the BackendError message states the status once.
  return error.message.replace(/^\d{3} /, '');
}

interface OllamaResponseError extends Error {
  error: string;
  status_code: number;
}

function isOllamaResponseError(error: unknown): error is OllamaResponseError {
  return error instanceof Error && error.name === 'ResponseError' && typeof (error as Partial<OllamaResponseError>).status_code === 'number';
}

/** `retry-after` as milliseconds: either delay-seconds or an HTTP date. */
export function parseRetryAfter(header: string | null | undefined): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}
