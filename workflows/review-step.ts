/**
 * Human review inside the routed task: the workflow waits durably, with the policy's SLA as a
 * timer, for a decision delivered as a Workflow Update. The update's validator turns away decisions
 * for a task that is not waiting, from an unknown reviewer, or an edit without text — before
 * anything is written to history.
 */
import { ApplicationFailure, condition, setHandler, upsertMemo, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import { signatureProblem } from '../review/decision-signature.js';
import { searchAttributes } from '../temporal/search-attributes.js';
import { ReviewRefusals, stateAfterReview, submitReviewUpdate, type ReviewDecision, type ReviewDetails, type ReviewOutcome } from './review-definitions.js';

/** How a review ended. */
export type ReviewEnding = { kind: 'decided'; decision: ReviewDecision & { decidedAt: string } } | { kind: 'expired' };

/** The answer a decision leaves: the best model answer when approved, the reviewer's text when edited, none when rejected. */
export function answerAfterReview(decision: ReviewDecision, bestAnswer: string | null): string | null {
  if (decision.action === 'approve') return bestAnswer;
  return decision.action === 'edit' ? decision.editedAnswer!.trim() : null;
}

/** Register the update handler on the current step's record; call once per run. */
export function installReviewHandler(currentRecord: () => ReviewDetails, reviewers: () => readonly string[], bestAnswer: () => string | null, decisionKeys: () => readonly string[]): void {
  setHandler(
    submitReviewUpdate,
    (decision): ReviewOutcome => {
      const record = currentRecord();
      const decidedAt = new Date().toISOString();
      const state = stateAfterReview[decision.action];
      const finalAnswer = answerAfterReview(decision, bestAnswer());
      record.decision = { ...decision, decidedAt };
      record.reviewState = state;
      upsertSearchAttributes([{ key: searchAttributes.reviewState, value: state }]);
      return { state, reviewer: decision.reviewer, decidedAt, finalAnswer };
    },
    {
      validator: (decision) => {
        const record = currentRecord();
        const refuse = (type: string, message: string) => ApplicationFailure.create({ type, message, nonRetryable: true });
        if (typeof decision !== 'object' || decision === null) throw refuse(ReviewRefusals.invalidDecision, 'expected a decision object { action, reviewer, comment?, editedAnswer? }');
        if (record.decision) throw refuse(ReviewRefusals.alreadyDecided, `already decided: ${record.decision.action} by ${record.decision.reviewer} at ${record.decision.decidedAt}`);
        if (record.reviewState !== 'pending') throw refuse(ReviewRefusals.notWaiting, `task ${workflowInfo().workflowId} is not waiting for review (review state: ${record.reviewState})`);
        if (!['approve', 'edit', 'reject'].includes(decision.action)) throw refuse(ReviewRefusals.invalidDecision, `action: expected approve, edit or reject, got ${JSON.stringify(decision.action)}`);
        if (typeof decision.reviewer !== 'string' || !reviewers().includes(decision.reviewer)) {
          throw refuse(ReviewRefusals.unknownReviewer, `reviewer: ${JSON.stringify(decision.reviewer)} is not a reviewer under this task's policy`);
        }
        if (decision.action === 'edit' && (typeof decision.editedAnswer !== 'string' || decision.editedAnswer.trim() === '')) {
          throw refuse(ReviewRefusals.invalidDecision, "editedAnswer: an edit needs the reviewer's text; it was empty");
        }
        if (decision.comment !== undefined && typeof decision.comment !== 'string') throw refuse(ReviewRefusals.invalidDecision, 'comment: expected a string');
        // With decision keys in the policy, only a decision signed by the review app (its key) is proof of who decided.
        const keys = decisionKeys();
        const unsigned = keys.length > 0 ? signatureProblem(keys, workflowInfo().workflowId, decision) : null;
        if (unsigned) throw refuse(ReviewRefusals.unsignedDecision, unsigned);
      },
    },
  );
}

/** Mark the task pending and wait for a decision or the SLA. */
export async function awaitReview(record: ReviewDetails, slaMs: number, reason: string): Promise<ReviewEnding> {
  const now = Date.now();
  record.reviewState = 'pending';
  record.escalationReason = reason;
  record.waitingSince = new Date(now).toISOString();
  record.slaDeadline = new Date(now + slaMs).toISOString();
  upsertSearchAttributes([
    { key: searchAttributes.reviewState, value: 'pending' },
    { key: searchAttributes.escalation, value: 'human' },
    { key: searchAttributes.status, value: 'awaiting-review' },
  ]);
  // The review queue lists from visibility; the memo saves it one query per pending task.
  upsertMemo({ review: { reason, waitingSince: record.waitingSince, slaDeadline: record.slaDeadline } });
  const decided = await condition(() => record.decision !== null, slaMs);
  if (!decided) {
    record.reviewState = 'expired';
    upsertSearchAttributes([{ key: searchAttributes.reviewState, value: 'expired' }]);
    return { kind: 'expired' };
  }
  return { kind: 'decided', decision: record.decision! };
}
