/**
 * `switchyard/client`: start routed workflows and read what they did. Every client passes the
 * data converter (payload encryption) and may set the first search attributes at start, which
 * saves the workflow an upsert.
 */
import type { TypedSearchAttributes } from '@temporalio/common';
import { searchAttributes } from '../temporal/search-attributes.js';
import type { RequestMetadata } from '../workflows/routed-task-types.js';

export { loadDataConverter, withPolicyRecords } from '../temporal/data-converter.js';
export { PolicyRecordError, type PolicyRecordsTarget } from '../temporal/policy-records.js';
export { searchAttributes } from '../temporal/search-attributes.js';
export { CONTROL_TASK_QUEUE } from '../routing/task-queues.js';
export { ROUTED_TASK_WORKFLOW, validateRoutedTaskInput, type RequestMetadata, type RoutedTaskInput, type RoutedTaskResult } from '../workflows/routed-task-types.js';
export type { RoutedStepResult, StepRecord, AttemptSummary } from '../workflows/routed-step-types.js';
export { reviewDetailsQuery, submitReviewUpdate, ReviewRefusals, type ReviewDecision, type ReviewOutcome, type ReviewDetails } from '../workflows/review-definitions.js';

/** The search attributes a client knows at start (status, department, application), for `typedSearchAttributes`. */
export function initialSearchAttributes(metadata: RequestMetadata = {}): ConstructorParameters<typeof TypedSearchAttributes>[0] {
  return [
    { key: searchAttributes.status, value: 'classifying' },
    ...(metadata.department ? [{ key: searchAttributes.department, value: metadata.department }] : []),
    ...(metadata.application ? [{ key: searchAttributes.application, value: metadata.application }] : []),
  ];
}
