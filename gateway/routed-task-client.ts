/**
 * Starts the routed task for a gateway request on the control queue (by name: the gateway holds no
 * workflow code) and waits for its outcome: the result, or "pending review" once the task waits for
 * a person and the client's wait is over.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { WorkflowFailedError, type Client, type WorkflowHandle } from '@temporalio/client';
import { searchAttributes } from '../temporal/search-attributes.js';
import { reviewDetailsQuery, type ReviewDetails } from '../workflows/review-definitions.js';
import { ROUTED_TASK_WORKFLOW, type RoutedTaskInput, type RoutedTaskResult } from '../workflows/routed-task-types.js';
import type { routedTask } from '../workflows/routed-task.js';
import { GatewayError } from './gateway-error.js';
import { initialSearchAttributes } from '../lib/client.js';

/** Where the gateway starts tasks. */
export interface TaskTarget {
  client: Client;
  namespace: string;
  controlQueue: string;
}

/** How a task stands when the gateway answers. */
export type TaskOutcome = { kind: 'done'; result: RoutedTaskResult } | { kind: 'pending'; details: ReviewDetails };

// How often to ask a running task whether it now waits for a person: not before a second (most
// tasks finish sooner and never pay for a poll), then less and less often. A person takes minutes.
const firstReviewPollMs = 1_000;
const maxReviewPollMs = 5_000;
const pollerCacheMs = 5_000;
const temporalDeadlineMs = 5_000;

/** The 503 for a Temporal call that failed (unreachable server, deadline passed). */
export function temporalUnavailable(error: unknown): GatewayError {
  const message = (error as Error)?.message ?? String(error);
  return new GatewayError(503, 'service_unavailable', `The Temporal service is unreachable: ${message}`, 'temporal_unavailable', null, 5);
}

/** Starts tasks and tracks whether a control worker is there to run them. */
export class RoutedTaskClient {
  private pollersSeenAt = 0;

  constructor(private readonly target: TaskTarget) {}

  /** 503 unless a control worker polled the control queue recently (cached for a few seconds). */
  async assertControlWorker(): Promise<void> {
    if (Date.now() - this.pollersSeenAt < pollerCacheMs) return;
    const { client, namespace, controlQueue } = this.target;
    let response;
    try {
      // A deadline, so an unreachable server is a prompt 503 rather than the SDK's minute of retries.
      response = await client.withDeadline(Date.now() + temporalDeadlineMs, () => client.workflowService.describeTaskQueue({ namespace, taskQueue: { name: controlQueue }, taskQueueType: 1 /* WORKFLOW */ }));
    } catch (error) {
      throw temporalUnavailable(error);
    }
    if ((response.pollers ?? []).length === 0) throw new GatewayError(503, 'service_unavailable', `No control worker polls ${controlQueue}; requests cannot run.`, 'no_control_worker', null, 5);
    this.pollersSeenAt = Date.now();
  }

  /** Starts the routed task; a Temporal that cannot be reached is a 503. */
  async start(input: RoutedTaskInput, workflowId: string, summary: string): Promise<WorkflowHandle<typeof routedTask>> {
    try {
      const { client, controlQueue } = this.target;
      return await client.withDeadline(Date.now() + temporalDeadlineMs, () => client.workflow.start<typeof routedTask>(ROUTED_TASK_WORKFLOW, { taskQueue: controlQueue, workflowId, args: [input], staticSummary: summary, typedSearchAttributes: initialSearchAttributes(input.metadata) }));
    } catch (error) {
      throw temporalUnavailable(error);
    }
  }

  /** A handle on an existing task. */
  handle(workflowId: string): WorkflowHandle<typeof routedTask> {
    return this.target.client.workflow.getHandle<typeof routedTask>(workflowId);
  }

  /** Waits for the result; once the task waits for review, waits `reviewWaitMs` more, then says pending. */
  async outcome(handle: WorkflowHandle<typeof routedTask>, reviewWaitMs: number): Promise<TaskOutcome> {
    const result = handle.result().then(
      (value) => ({ kind: 'done' as const, result: value }),
      (error: unknown) => ({ kind: 'failed' as const, error }),
    );
    for (let pollMs = firstReviewPollMs; ; pollMs = Math.min(2 * pollMs, maxReviewPollMs)) {
      const settled = await Promise.race([result, delay(pollMs).then(() => undefined)]);
      if (settled) return settledOutcome(settled);
      let details: ReviewDetails | undefined;
      try {
        // The search attribute is read from the server's mutable state (no worker involved); the
        // query, which needs the control worker, only once the task waits for a person.
        const description = await handle.describe();
        if (description.typedSearchAttributes.get(searchAttributes.reviewState) !== 'pending') continue;
        details = await handle.query(reviewDetailsQuery);
      } catch {
        continue; // The task may have finished between polls; the result race says how.
      }
      if (details.reviewState !== 'pending') continue;
      const afterWait = await Promise.race([result, delay(reviewWaitMs).then(() => undefined)]);
      return afterWait ? settledOutcome(afterWait) : { kind: 'pending', details };
    }
  }
}

function settledOutcome(settled: { kind: 'done'; result: RoutedTaskResult } | { kind: 'failed'; error: unknown }): TaskOutcome {
  if (settled.kind === 'done') return settled;
  throw taskFailure(settled.error);
}

/** The gateway error for a failed task: bad input is a 400, anything else means no backend could answer. */
export function taskFailure(error: unknown): GatewayError {
  if (!(error instanceof WorkflowFailedError)) return temporalUnavailable(error);
  const chain: string[] = [];
  let type: string | undefined;
  for (let cause = error.cause as (Error & { type?: string; cause?: unknown }) | undefined; cause; cause = cause.cause as typeof cause) {
    chain.push(cause.message);
    type ??= cause.type;
  }
  if (type === 'InvalidRequest') return new GatewayError(400, 'invalid_request_error', chain[0] ?? 'Invalid request', 'invalid_request', 'messages');
  return new GatewayError(503, 'service_unavailable', `No backend could answer: ${chain.join(': ') || error.message}`, 'backends_unavailable', null, 5);
}
