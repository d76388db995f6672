/**
 * Errors in OpenAI's shape (`{"error":{"message","type","code","param"}}`) with the status codes the
 * OpenAI clients understand. Every refusal the gateway makes is one of these; anything else is a 500.
 */

/** OpenAI's error types, as its clients map them to exception classes. */
export type GatewayErrorType = 'invalid_request_error' | 'authentication_error' | 'permission_error' | 'not_found_error' | 'rate_limit_error' | 'insufficient_quota' | 'service_unavailable' | 'server_error';

/** A refusal with its HTTP status; `retryable` mirrors the status (429, 503 retry; 4xx do not). */
export class GatewayError extends Error {
  override readonly name = 'GatewayError';
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 413 | 429 | 500 | 502 | 503 | 504,
    readonly type: GatewayErrorType,
    message: string,
    readonly code: string | null = null,
    readonly param: string | null = null,
    /** Seconds, sent as `retry-after` on 429 and 503. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }

  get retryable(): boolean {
    return this.status === 429 || this.status >= 500;
  }

  /** The JSON body OpenAI sends for an error. */
  toBody(): { error: { message: string; type: string; code: string | null; param: string | null } } {
    return { error: { message: this.message, type: this.type, code: this.code, param: this.param } };
  }
}

/** 400 naming the offending field. */
export function invalidRequest(message: string, param: string | null, code = 'invalid_value'): GatewayError {
  return new GatewayError(400, 'invalid_request_error', message, code, param);
}
