/** The running activity's cancellation signal, handed to HTTP calls so a cancelled activity stops its request. */
import { Context } from '@temporalio/activity';

/** The current activity's signal, or undefined outside an activity (factory unit tests). */
export function activitySignal(): AbortSignal | undefined {
  try {
    return Context.current().cancellationSignal;
  } catch {
    // Called outside an activity: nothing to cancel with.
    return undefined;
  }
}
