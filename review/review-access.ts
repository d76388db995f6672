/**
 * Who may see and decide which review task, from the policy's review section: only the policy's
 * reviewers (the one list), and with groups, only tasks of their groups' departments or applications.
 */
import type { Policy } from '../routing/policy-schema.js';

/** The facts of a task that access depends on (its search attributes). */
export interface TaskScope {
  department: string | null;
  application: string | null;
}

/** Access decisions for the review app. */
export interface ReviewAccess {
  /** Whether the account is one of the policy's reviewers at all. */
  isReviewer(reviewerId: string): boolean;
  /** Whether the reviewer may see and decide a task with this scope. */
  maySee(reviewerId: string, task: TaskScope): boolean;
}

/** Access from the policy's `review` section. */
export function reviewAccessFromPolicy(review: Policy['review']): ReviewAccess {
  const reviewers = new Set(review.reviewers);
  const groups = review.groups ?? [];
  return {
    isReviewer: (reviewerId) => reviewers.has(reviewerId),
    maySee(reviewerId, task) {
      if (!reviewers.has(reviewerId)) return false;
      if (groups.length === 0) return true;
      return groups.some(
        (group) =>
          group.reviewers.includes(reviewerId) &&
          ((group.departments.length === 0 && group.applications.length === 0) ||
            (task.department !== null && group.departments.includes(task.department)) ||
            (task.application !== null && group.applications.includes(task.application))),
      );
    },
  };
}
