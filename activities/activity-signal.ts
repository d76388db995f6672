/**
 * The running activity's link to the server: its cancellation signal, handed to HTTP calls so a
 * cancelled activity stops its request, and heartbeats while it waits, so a lost worker is noticed
 * within the heartbeat timeout (and cancellation, which only reaches a heartbeating activity, arrives).
 */
import { Context } from '@temporalio/activity';

/** The running activity's context, or undefined outside an activity (factory unit tests). */
export function currentContext(): Context | undefined {
  try {
    return Context.current();
  } catch {
    // Called outside an activity (factory unit tests): no server to talk to.
    return undefined;
  }
}

/** The current activity's signal, or undefined outside an activity. */
export function activitySignal(): AbortSignal | undefined {
  return currentContext()?.cancellationSignal;
}

/**
 * Run `work`, heartbeating on a timer while it runs when the activity has a heartbeat timeout.
 * The first beat comes after a quarter of the timeout, so a call shorter than that sends none
 * (each beat is a server write); the SDK throttles the rest.
 */
export async function heartbeatWhile<T>(work: () => Promise<T>): Promise<T> {
  const context = currentContext();
  const timeoutMs = context?.info.heartbeatTimeoutMs;
  if (!context || !timeoutMs) return work();
  const timer = setInterval(() => context.heartbeat(), Math.max(100, timeoutMs / 4));
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}
