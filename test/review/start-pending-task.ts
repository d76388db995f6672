/**
 * The one place the review app's authorisation and rendering tests start a task that waits for a
 * reviewer: the test-only fixture workflow, which shows exactly the fields a test sets (the real
 * routed step's review is driven in review-browser.test.ts and examples/ticket-triage).
 */
import { randomUUID } from 'node:crypto';
import type { Client, WorkflowHandle } from '@temporalio/client';
import type { ReviewFixtureInput } from './fixtures/review-fixture-workflow.js';
import { reviewFixtureWorkflow } from './fixtures/review-fixture-workflow.js';

/** Reviewer ids the task accepts (the review app's test accounts alice and bob; mallory is not one). */
export const TASK_REVIEWERS = ['alice', 'bob'];

/** The answer the most confident attempt gave: what approval returns and the edit box starts with. */
export const BEST_ANSWER = 'Refunds over 500 EUR need a second approval from the finance lead.';

/** A realistic escalated request: two low-confidence attempts, one sensitive context chunk. */
export const SAMPLE_TASK: ReviewFixtureInput = {
  prompt: 'Customer 4711 (jane.doe@example.com) asks whether her refund of 740 EUR can be paid today.',
  system: 'You answer questions from the support team using the finance handbook.',
  metadata: { department: 'support', application: 'helpdesk', taskType: 'question-answering' },
  dataClass: 'pii',
  sensitive: true,
  escalationReason: 'confidence 0.41 < threshold 0.70 after large-local; cloud not allowed for pii',
  attempts: [
    { rung: 0, model: 'small-local', backend: 'ollama', backendKind: 'local', taskQueue: 'switchyard-local-gpu', answer: 'Yes, refunds are paid the same day.', confidence: 0.22, confidenceMethod: 'logprobs', reason: 'first try' },
    { rung: 1, model: 'large-local', backend: 'ollama', backendKind: 'local', taskQueue: 'switchyard-local-gpu', answer: BEST_ANSWER, confidence: 0.41, confidenceMethod: 'self-assessment', reason: 'escalated: confidence 0.22 < 0.70' },
  ],
  context: [{ source: 'handbook/finance/refunds.md#approvals', text: 'Refunds above 500 EUR require the approval of the finance lead before payment.', score: 0.83, dataClass: 'confidential' }],
  reviewers: TASK_REVIEWERS,
};

/** Start a task that waits for review on `taskQueue`, and return its handle. */
export async function startPendingTask(client: Client, taskQueue: string, input: Partial<ReviewFixtureInput> = {}): Promise<WorkflowHandle<typeof reviewFixtureWorkflow>> {
  return client.workflow.start(reviewFixtureWorkflow, { taskQueue, workflowId: `review-test-${randomUUID()}`, args: [{ ...SAMPLE_TASK, ...input }] });
}
