/** The `switchyard.task` object: a routed task as the gateway shows it while it runs or waits for review. */
import type { ReviewDetails } from '../workflows/review-definitions.js';

/** Path of a task's status endpoint. */
export function taskPath(workflowId: string): string {
  return `/v1/switchyard/tasks/${encodeURIComponent(workflowId)}`;
}

/** A task that waits for a person. */
export function pendingTaskOf(workflowId: string, details: ReviewDetails) {
  return {
    id: workflowId,
    object: 'switchyard.task' as const,
    status: 'pending_review' as const,
    data_class: details.dataClass,
    reason: details.escalationReason,
    waiting_since: details.waitingSince,
    review_deadline: details.slaDeadline,
    url: taskPath(workflowId),
    completion: null,
  };
}
