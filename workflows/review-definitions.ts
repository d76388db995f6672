/**
 * The human-review contract, defined once: the review app, the CLI and the routed workflow all
 * import these names and shapes. Pure: workflow-safe.
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { ConversationTurn } from './routed-task-types.js';

/** Where a task stands with respect to human review (also the SwitchyardReviewState search attribute). */
export type ReviewState = 'none' | 'pending' | 'approved' | 'edited' | 'rejected' | 'expired';

/** The review state (and the task's final status) each action leads to. */
export const stateAfterReview = { approve: 'approved', edit: 'edited', reject: 'rejected' } as const;

/** A reviewer's decision, delivered as a Workflow Update. */
export interface ReviewDecision {
  action: 'approve' | 'edit' | 'reject';
  /** The reviewer's identity (must be one of the policy's reviewers). */
  reviewer: string;
  comment?: string;
  /** Required for `edit`: the reviewer's text becomes the answer. */
  editedAnswer?: string;
}

/** What the update returns once the workflow accepted the decision. */
export interface ReviewOutcome {
  state: Exclude<ReviewState, 'none' | 'pending' | 'expired'>;
  reviewer: string;
  /** ISO time the workflow accepted the decision. */
  decidedAt: string;
  /** The answer the task finishes with (null when rejected). */
  finalAnswer: string | null;
}

/** One model attempt, as the reviewer sees it. */
export interface AttemptRecord {
  rung: number;
  model: string;
  backend: string;
  backendKind: 'local' | 'cloud';
  taskQueue: string;
  answer: string | null;
  confidence: number | null;
  confidenceMethod: string | null;
  /** Why this attempt happened (first try, escalation, fallback) and, if it failed, why. */
  reason: string;
  error?: string;
  /** How the attempt ended: answered, failed, refused by the cloud re-check, or never picked up by a worker. */
  outcome?: 'answered' | 'failed' | 'refused' | 'not-picked-up';
  /** Whether the request reached a backend (a refused or never-picked-up attempt sent no byte). */
  dispatched?: boolean;
  /** USD spent on this attempt (0 for local models priced per GPU-hour). */
  costUsd?: number;
}

/** One retrieved chunk shown to the reviewer. */
export interface ContextRecord {
  source: string;
  text: string;
  score: number;
  dataClass: string;
}

/** Everything the review app shows for one task. */
export interface ReviewDetails {
  workflowId: string;
  prompt: string;
  system?: string;
  /**
   * The conversation's earlier turns, oldest first (between `system` and `prompt`), as the caller
   * sent them: values redacted for cloud are the originals here (reviewers are on premises).
   * Absent for a single-turn request, and in records of runs from before turns were recorded.
   */
  messages?: ConversationTurn[];
  /**
   * Text the workflow passed to the step as context (`routedStep({ context })`: an earlier step's
   * answer, a ticket thread), in the order the model read it, after `system`. Absent when none.
   */
  stepContext?: string[];
  metadata: Record<string, string | undefined>;
  dataClass: string;
  sensitive: boolean;
  escalationReason: string | null;
  attempts: AttemptRecord[];
  context: ContextRecord[];
  reviewState: ReviewState;
  /** ISO times; null when no review was requested. */
  waitingSince: string | null;
  slaDeadline: string | null;
  decision: (ReviewDecision & { decidedAt: string }) | null;
}

/** ApplicationFailure types the update's validator rejects with, so clients can tell refusals apart. */
export const ReviewRefusals = {
  unknownReviewer: 'UnknownReviewer',
  alreadyDecided: 'ReviewAlreadyDecided',
  notWaiting: 'ReviewNotPending',
  invalidDecision: 'InvalidReviewDecision',
  unsignedDecision: 'UnsignedReviewDecision',
} as const;

/** Deliver a reviewer's decision. Its validator rejects decided tasks, unknown reviewers and empty edits. */
export const submitReviewUpdate = defineUpdate<ReviewOutcome, [ReviewDecision]>('submitReview');

/** Read the task as the reviewer sees it. */
export const reviewDetailsQuery = defineQuery<ReviewDetails>('reviewDetails');
