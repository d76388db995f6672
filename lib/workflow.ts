/**
 * `switchyard/workflow`: what workflow code imports. Workflow-safe (pure modules only): routed
 * steps, the routed task, the review contract and the search attributes.
 */
export { routedStep } from '../workflows/routed-step.js';
export { routedTask } from '../workflows/routed-task.js';
export { validateRoutedStepInput, type AttemptSummary, type RoutedStepInput, type RoutedStepResult, type StepRecord } from '../workflows/routed-step-types.js';
export {
  ROUTED_TASK_WORKFLOW,
  validateRoutedTaskInput,
  type KnowledgeRequest,
  type RequestMetadata,
  type RoutedTaskInput,
  type RoutedTaskResult,
  type RoutedTaskStatus,
} from '../workflows/routed-task-types.js';
export {
  ReviewRefusals,
  reviewDetailsQuery,
  stateAfterReview,
  submitReviewUpdate,
  type AttemptRecord,
  type ReviewDecision,
  type ReviewDetails,
  type ReviewOutcome,
  type ReviewState,
} from '../workflows/review-definitions.js';
export { searchAttributes } from '../temporal/search-attributes.js';
