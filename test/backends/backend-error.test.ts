import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { describe, expect, it } from 'vitest';
import { BackendError, parseRetryAfter, toBackendError, typeForStatus } from '../../backends/backend-error.js';

// What the ollama client throws for an HTTP error; its class is not exported, so built by shape.
function ollamaResponseError(message: string, status: number): Error {
  return Object.assign(new Error(message), { name: 'ResponseError', error: message, status_code: status });
}

describe('typeForStatus and isRetryable', () => {
  it.each([
    [400, 'BadRequest', false],
    [401, 'Unauthorized', false],
    [403, 'Unauthorized', false],
    [404, 'NotFound', false],
    [408, 'Timeout', true],
    [409, 'Conflict', true],
    [413, 'BadRequest', false],
    [422, 'BadRequest', false],
    [429, 'RateLimited', true],
    [500, 'ServerError', true],
    [502, 'ServerError', true],
    [503, 'ServerError', true],
    [504, 'ServerError', true],
  ] as const)('maps HTTP %i to %s (retryable: %s) for both clients', (status, type, retryable) => {
    expect(typeForStatus(status)).toBe(type);
    const fromOpenAI = toBackendError(APIError.generate(status, { error: { message: 'server says no' } }, undefined, new Headers()), 'b1');
    const fromOllama = toBackendError(ollamaResponseError('server says no', status), 'b1');
    for (const error of [fromOpenAI, fromOllama]) {
      expect(error).toMatchObject({ type, isRetryable: retryable, status, backendId: 'b1' });
      expect(error.message).toBe(`Backend "b1" failed: ${type} (HTTP ${status}): server says no`);
    }
  });
});

describe('toBackendError', () => {
  it('keeps the original error as the cause', () => {
    const original = ollamaResponseError('boom', 500);
    expect(toBackendError(original, 'b1').cause).toBe(original);
  });

  it('returns a BackendError unchanged', () => {
    const error = new BackendError({ type: 'InvalidResponse', backendId: 'b1', detail: 'no choices' });
    expect(toBackendError(error, 'other')).toBe(error);
  });

  it('reads retry-after from openai error headers and from the context for ollama', () => {
    const openai = APIError.generate(429, { error: { message: 'slow' } }, undefined, new Headers({ 'retry-after': '3' }));
    expect(toBackendError(openai, 'b1').retryAfterMs).toBe(3000);
    expect(toBackendError(ollamaResponseError('slow', 429), 'b1', { retryAfter: '2' }).retryAfterMs).toBe(2000);
  });

  it('maps openai connection, timeout and abort errors', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
    const connection = toBackendError(new APIConnectionError({ cause: new TypeError('fetch failed', { cause: refused }) }), 'b1');
    expect(connection).toMatchObject({ type: 'Unreachable', isRetryable: true });
    expect(connection.message).toContain('ECONNREFUSED 127.0.0.1:9');
    expect(toBackendError(new APIConnectionTimeoutError(), 'b1', { timeoutMs: 250 })).toMatchObject({ type: 'Timeout', isRetryable: true, message: expect.stringContaining('250 ms') });
    expect(toBackendError(new APIUserAbortError(), 'b1')).toMatchObject({ type: 'Cancelled', isRetryable: false });
  });

  it('maps fetch failures: socket errors are Unreachable, TimeoutError is Timeout, AbortError is Cancelled', () => {
    const reset = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
    expect(toBackendError(new TypeError('fetch failed', { cause: reset }), 'b1')).toMatchObject({ type: 'Unreachable', isRetryable: true, message: expect.stringContaining('ECONNRESET') });
    expect(toBackendError(new DOMException('The operation timed out.', 'TimeoutError'), 'b1')).toMatchObject({ type: 'Timeout', isRetryable: true });
    expect(toBackendError(new DOMException('This operation was aborted', 'AbortError'), 'b1')).toMatchObject({ type: 'Cancelled', isRetryable: false });
  });

  it('maps undici socket failures by their cause code: a reset while reading the body is Unreachable, a headers timeout is Timeout', () => {
    const closed = Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' });
    expect(toBackendError(new TypeError('terminated', { cause: closed }), 'b1')).toMatchObject({ type: 'Unreachable', isRetryable: true, message: expect.stringContaining('UND_ERR_SOCKET other side closed') });
    const slow = Object.assign(new Error('Headers Timeout Error'), { code: 'UND_ERR_HEADERS_TIMEOUT' });
    expect(toBackendError(new TypeError('fetch failed', { cause: slow }), 'b1')).toMatchObject({ type: 'Timeout', isRetryable: true });
  });

  it('lets the call context decide between Cancelled and Timeout when its own signal fired', () => {
    const abort = new DOMException('This operation was aborted', 'AbortError');
    expect(toBackendError(abort, 'b1', { abortedBy: 'deadline', timeoutMs: 100 })).toMatchObject({ type: 'Timeout', isRetryable: true });
    expect(toBackendError(new APIUserAbortError(), 'b1', { abortedBy: 'deadline' })).toMatchObject({ type: 'Timeout' });
    expect(toBackendError(new DOMException('timed out', 'TimeoutError'), 'b1', { abortedBy: 'caller' })).toMatchObject({ type: 'Cancelled' });
  });

  it('maps an unparseable body to a non-retryable InvalidResponse', () => {
    expect(toBackendError(new SyntaxError('Unexpected token < in JSON'), 'b1')).toMatchObject({ type: 'InvalidResponse', isRetryable: false });
  });

  it('maps anything else to a non-retryable Unknown that still says what was thrown', () => {
    expect(toBackendError(new RangeError('bad length'), 'b1')).toMatchObject({ type: 'Unknown', isRetryable: false, message: expect.stringContaining('RangeError: bad length') });
    expect(toBackendError('a string', 'b1')).toMatchObject({ type: 'Unknown', message: expect.stringContaining('a string') });
  });
});

describe('parseRetryAfter', () => {
  it('reads delay-seconds and HTTP dates, and ignores garbage', () => {
    expect(parseRetryAfter('1.5')).toBe(1500);
    const inOneMinute = new Date(Date.now() + 60_000).toUTCString();
    expect(parseRetryAfter(inOneMinute)).toBeGreaterThan(55_000);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });
});
