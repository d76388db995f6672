/** Read review decisions back out of a workflow's history: the audit trail the app must leave. */
import type { WorkflowHandle } from '@temporalio/client';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { testDataConverter } from '../harness/switchyard-cluster.js';
import type { ReviewDecision, ReviewOutcome } from '../../workflows/review-definitions.js';

/** One accepted `submitReview` update and, once completed, its result. */
export interface RecordedDecision {
  decision: ReviewDecision;
  outcome: ReviewOutcome | null;
}

/** Every accepted `submitReview` update in the run's history, in order. */
export async function recordedDecisions(handle: WorkflowHandle): Promise<RecordedDecision[]> {
  const history = await handle.fetchHistory();
  const decisions = new Map<string, RecordedDecision>();
  for (const event of history.events ?? []) {
    const accepted = event.workflowExecutionUpdateAcceptedEventAttributes;
    if (accepted?.acceptedRequest?.input?.name === 'submitReview') {
      const [payload] = accepted.acceptedRequest.input.args?.payloads ?? [];
      if (payload) decisions.set(accepted.protocolInstanceId ?? '', { decision: await decoded(payload), outcome: null });
    }
    const completed = event.workflowExecutionUpdateCompletedEventAttributes;
    const recorded = decisions.get(completed?.meta?.updateId ?? '');
    const [result] = completed?.outcome?.success?.payloads ?? [];
    if (recorded && result) recorded.outcome = await decoded(result);
  }
  return [...decisions.values()];
}

/** A history payload as the app wrote it: decrypted with the test keys, then parsed. */
async function decoded<T>(payload: Payload): Promise<T> {
  const [clear] = await testDataConverter.payloadCodecs![0]!.decode([payload]);
  return defaultPayloadConverter.fromPayload<T>(clear!);
}
