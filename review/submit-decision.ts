/**
 * Send a reviewer's decision to the workflow as the `submitReview` Workflow Update, and turn every
 * expected refusal into a ReviewProblem: unknown id → 404, decided or finished task → 409 naming
 * who decided and when, unknown reviewer → 403, any other validator refusal → 422, no worker → 503.
 */
import { ApplicationFailure } from '@temporalio/common';
import { WorkflowNotFoundError, WorkflowUpdateFailedError, WorkflowUpdateRPCTimeoutOrCancelledError, type Client } from '@temporalio/client';
import { ReviewRefusals, stateAfterReview, submitReviewUpdate, type ReviewDecision, type ReviewOutcome } from '../workflows/review-definitions.js';
import { ReviewProblem } from './review-problem.js';
import { queryDetails, runStatus } from './review-tasks.js';

/** How decisions are sent. */
export interface SubmitOptions {
  /** How long to wait for the workflow to accept or refuse (its worker must be running). */
  timeoutMs: number;
  /** A reviewer's display name for messages ("already decided by Alice (alice)"). */
  nameOf: (reviewerId: string) => string;
}

/** Deliver `decision` and return the workflow's outcome, or throw a ReviewProblem. */
export async function submitDecision(client: Client, workflowId: string, decision: ReviewDecision, options: SubmitOptions): Promise<ReviewOutcome> {
  const handle = client.workflow.getHandle(workflowId);
  try {
    // A deadline, because an update waits for a worker to accept it: without one, a stopped worker hangs the request.
    return await client.connection.withDeadline(Date.now() + options.timeoutMs, () => handle.executeUpdate(submitReviewUpdate, { args: [decision] }));
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) throw await finishedOrUnknown(client, workflowId, options);
    if (error instanceof WorkflowUpdateFailedError) throw await refused(client, workflowId, error, options);
    if (error instanceof WorkflowUpdateRPCTimeoutOrCancelledError)
      throw new ReviewProblem(
        503,
        'workflow-unresponsive',
        `The workflow did not answer within ${options.timeoutMs / 1000} s (is its worker running?). ` +
          'The decision may still be applied when it does: reload the task before deciding again.',
        { workflowId },
      );
    throw error;
  }
}

/** 409 naming the first decider when the workflow can say who it was, or 409 when review is over (expired). */
async function alreadyDecided(client: Client, workflowId: string, options: SubmitOptions): Promise<ReviewProblem | null> {
  const details = await queryDetails(client, workflowId, options.timeoutMs).catch(() => null);
  const first = details?.decision;
  if (!first) {
    return details && details.reviewState !== 'pending'
      ? new ReviewProblem(409, 'task-closed', `This task is not waiting for review (review state: ${details.reviewState}).`, { workflowId, reviewState: details.reviewState })
      : null;
  }
  const verb = stateAfterReview[first.action];
  return new ReviewProblem(409, 'already-decided', `This task was already decided (${verb}) by ${options.nameOf(first.reviewer)} at ${first.decidedAt}.`, {
    workflowId,
    decidedBy: first.reviewer,
    decidedAt: first.decidedAt,
    action: first.action,
  });
}

/** The server says "not found" both for unknown ids and for runs that already finished; tell them apart. */
async function finishedOrUnknown(client: Client, workflowId: string, options: SubmitOptions): Promise<ReviewProblem> {
  const status = await runStatus(client, workflowId);
  return (
    (await alreadyDecided(client, workflowId, options)) ??
    new ReviewProblem(409, 'task-closed', `This task is no longer open: its workflow is ${status.toLowerCase()}.`, { workflowId, status })
  );
}

/** The update's validator (or handler) refused the decision; its ApplicationFailure type says why. */
async function refused(client: Client, workflowId: string, error: WorkflowUpdateFailedError, options: SubmitOptions): Promise<ReviewProblem> {
  const cause = error.cause;
  const type = cause instanceof ApplicationFailure ? (cause.type ?? 'Error') : (cause?.name ?? 'Error');
  const message = cause?.message ?? error.message;
  if (type === ReviewRefusals.unknownReviewer) return new ReviewProblem(403, 'unknown-reviewer', `The workflow refused the decision: ${message}`, { workflowId, type });
  if (type === ReviewRefusals.alreadyDecided || type === ReviewRefusals.notWaiting) {
    // The task's details say who decided first and when (or that review is over), for the 409.
    const closed = await alreadyDecided(client, workflowId, options);
    if (closed) return closed;
  }
  return new ReviewProblem(422, 'decision-refused', `The workflow refused the decision: ${message}`, { workflowId, type });
}
