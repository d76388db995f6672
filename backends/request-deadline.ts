/** One call's abort signal: the caller's cancellation and the per-request timeout, told apart afterwards. */

/** A per-call signal that remembers why it fired. Always `dispose()` when the call settles. */
export interface RequestDeadline {
  readonly signal: AbortSignal;
  /** Who fired the signal, if anyone: the caller (cancellation) or the deadline (timeout). */
  abortedBy(): 'caller' | 'deadline' | undefined;
  dispose(): void;
}

/**
 * Starts the deadline for one call. Hand-rolled rather than `AbortSignal.any([signal,
 * AbortSignal.timeout(ms)])`: we must know which one fired (cancel is not retryable, a timeout
 * is), and a long-lived caller signal (an activity's cancellation signal) must not keep a
 * listener per finished call.
 */
export function startRequestDeadline(timeoutMs: number, callerSignal?: AbortSignal): RequestDeadline {
  const controller = new AbortController();
  let firedBy: 'caller' | 'deadline' | undefined;
  const onCallerAbort = (): void => {
    firedBy ??= 'caller';
    controller.abort(callerSignal?.reason);
  };
  const timer = setTimeout(() => {
    firedBy ??= 'deadline';
    controller.abort(new DOMException(`no answer within ${timeoutMs} ms`, 'TimeoutError'));
  }, timeoutMs);
  if (callerSignal?.aborted) onCallerAbort();
  else callerSignal?.addEventListener('abort', onCallerAbort, { once: true });
  return {
    signal: controller.signal,
    abortedBy: () => firedBy,
    dispose: () => {
      clearTimeout(timer);
      callerSignal?.removeEventListener('abort', onCallerAbort);
    },
  };
}
