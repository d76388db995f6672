/**
 * Reading review tasks from Temporal: the queue is a visibility query on the SwitchyardReviewState
 * search attribute, filled in from search attributes and the `review` memo the workflow writes when
 * it starts waiting; each task's details come from the workflow's `reviewDetails` query.
 */
import { QueryNotRegisteredError, WorkflowNotFoundError, type Client, type WorkflowExecutionInfo } from '@temporalio/client';
import { searchAttributes } from '../temporal/search-attributes.js';
import { reviewDetailsQuery, type ReviewDetails, type ReviewState } from '../workflows/review-definitions.js';
import type { ReviewAccess, TaskScope } from './review-access.js';
import { ReviewProblem } from './review-problem.js';
import { listingClient } from '../temporal/listing-client.js';

/** One task as the queue shows it. */
export interface TaskSummary {
  workflowId: string;
  runId: string;
  workflowType: string;
  status: string;
  startedAt: string;
  /** When review was requested (from the memo or the workflow's query), else when the run started. */
  waitingSince: string;
  dataClass: string | null;
  sensitive: boolean | null;
  escalation: string | null;
  escalationReason: string | null;
  /** Set when the workflow did not answer its details query (shown instead of the reason). */
  detailsError?: string;
}

/** A task's details plus the run's status. */
export interface TaskView {
  status: string;
  details: ReviewDetails;
}

/** The memo `awaitReview` (workflows/review-step.ts) writes; absent for runs that never waited. */
interface ReviewMemo {
  reason?: string;
  waitingSince?: string;
}

// Enough for a reviewer's queue; beyond this the queue needs paging, not a longer page.
const QUEUE_LIMIT = 200;
// Fallback queries (runs without the memo) go to a worker; a few at a time keeps a long queue from flooding it.
const QUERY_CONCURRENCY = 4;

/** The visibility query for tasks in `state`; pending tasks must also still be running. */
function visibilityQuery(state: ReviewState): string {
  // `state` comes from the ReviewState union (validated by the routes), so interpolation is safe.
  const base = `${searchAttributes.reviewState.name} = '${state}'`;
  return state === 'pending' ? `${base} AND ExecutionStatus = 'Running'` : base;
}

/** Ask a workflow for its review details, giving up after `timeoutMs` (no worker must not hang a page). */
export function queryDetails(client: Client, workflowId: string, timeoutMs: number): Promise<ReviewDetails> {
  return client.connection.withDeadline(Date.now() + timeoutMs, () => client.workflow.getHandle(workflowId).query(reviewDetailsQuery));
}

async function summarize(client: Client, info: WorkflowExecutionInfo, timeoutMs: number): Promise<TaskSummary> {
  const attributes = info.typedSearchAttributes;
  const memo = (info.memo?.review ?? {}) as ReviewMemo;
  const summary: TaskSummary = {
    workflowId: info.workflowId,
    runId: info.runId,
    workflowType: info.type,
    status: info.status.name,
    startedAt: info.startTime.toISOString(),
    waitingSince: memo.waitingSince ?? info.startTime.toISOString(),
    dataClass: attributes.get(searchAttributes.dataClass) ?? null,
    sensitive: attributes.get(searchAttributes.sensitive) ?? null,
    escalation: attributes.get(searchAttributes.escalation) ?? null,
    escalationReason: memo.reason ?? null,
  };
  // Visibility already holds everything the queue shows; ask the workflow (one worker round trip) only for what is missing.
  if (memo.waitingSince !== undefined && memo.reason !== undefined && summary.dataClass !== null && summary.sensitive !== null) return summary;
  try {
    const details = await queryDetails(client, info.workflowId, timeoutMs);
    return { ...summary, waitingSince: details.waitingSince ?? summary.waitingSince, dataClass: details.dataClass, sensitive: details.sensitive, escalationReason: details.escalationReason };
  } catch (error) {
    return { ...summary, detailsError: `details unavailable: ${(error as Error).message}` };
  }
}

/** The department and application a run was recorded under (its search attributes). */
export function scopeOf(info: Pick<WorkflowExecutionInfo, 'typedSearchAttributes'>): TaskScope {
  return { department: info.typedSearchAttributes.get(searchAttributes.department) ?? null, application: info.typedSearchAttributes.get(searchAttributes.application) ?? null };
}

/** Tasks in `state` that `visible` lets through, oldest first (SQL visibility cannot ORDER BY custom attributes, so we sort here). */
export async function listTasks(client: Client, state: ReviewState, queryTimeoutMs = 3_000, visible: (scope: TaskScope) => boolean = () => true): Promise<TaskSummary[]> {
  const infos: WorkflowExecutionInfo[] = [];
  // A run this process cannot decrypt must not empty the whole queue: its memo reads as unreadable
  // and the summary falls back to search attributes and the workflow's query, which says why.
  for await (const info of listingClient(client).workflow.list({ query: visibilityQuery(state) })) {
    if (!visible(scopeOf(info))) continue;
    infos.push(info);
    if (infos.length >= QUEUE_LIMIT) break;
  }
  const summaries: TaskSummary[] = new Array(infos.length);
  let next = 0;
  const lane = async () => {
    for (let index = next++; index < infos.length; index = next++) summaries[index] = await summarize(client, infos[index]!, queryTimeoutMs);
  };
  await Promise.all(Array.from({ length: QUERY_CONCURRENCY }, lane));
  return summaries.sort((a, b) => a.waitingSince.localeCompare(b.waitingSince));
}

/** The run's status name (RUNNING, COMPLETED, ...), or a 404 problem for an unknown id. */
export async function runStatus(client: Client, workflowId: string): Promise<string> {
  try {
    return (await client.workflow.getHandle(workflowId).describe()).status.name;
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) throw new ReviewProblem(404, 'not-found', `No workflow with id "${workflowId}".`, { workflowId });
    throw error;
  }
}

/** Who is asking to read or decide a task: the task must be in their scope, and waiting (or decided by them). */
export interface TaskReader {
  reviewerId: string;
  maySee: (scope: TaskScope) => boolean;
}

/** The reader a signed-in reviewer is, under the app's access rules. */
export function taskReader(access: ReviewAccess, reviewerId: string): TaskReader {
  return { reviewerId, maySee: (scope) => access.maySee(reviewerId, scope) };
}

/**
 * The gate in front of every task read and decision: the same 404 for an unknown id, a task outside
 * the reviewer's groups and a run that is not waiting, so nothing about other runs leaks.
 */
export async function assertMayReview(client: Client, workflowId: string, reader: TaskReader, options: { allowDecided: 'by-reader' | 'any'; queryTimeoutMs: number }): Promise<string> {
  const hidden = () => new ReviewProblem(404, 'not-found', `No task waiting for your review has id "${workflowId}".`, { workflowId });
  let description;
  try {
    description = await client.workflow.getHandle(workflowId).describe();
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) throw hidden();
    throw error;
  }
  if (!reader.maySee(scopeOf(description))) throw hidden();
  const state = description.typedSearchAttributes.get(searchAttributes.reviewState);
  if (state === 'pending' && description.status.name === 'RUNNING') return description.status.name;
  if (state === undefined || state === 'none') throw hidden();
  // Deciding a decided task in one's scope lets the workflow answer 409 "already decided by …".
  if (options.allowDecided === 'any') return description.status.name;
  const details = await queryDetails(client, workflowId, options.queryTimeoutMs).catch(() => null);
  if (details?.decision?.reviewer !== reader.reviewerId) throw hidden();
  return description.status.name;
}

/** One task's details and run status, or a 404 problem for an unknown id, a hidden task or a workflow that is not a review task. */
export async function readTask(client: Client, workflowId: string, queryTimeoutMs = 5_000, reader?: TaskReader): Promise<TaskView> {
  const status = reader ? await assertMayReview(client, workflowId, reader, { allowDecided: 'by-reader', queryTimeoutMs }) : await runStatus(client, workflowId);
  try {
    return { status, details: await queryDetails(client, workflowId, queryTimeoutMs) };
  } catch (error) {
    const message = (error as Error).message;
    if (error instanceof QueryNotRegisteredError)
      throw new ReviewProblem(404, 'not-a-review-task', `Workflow "${workflowId}" is not a review task (it does not answer reviewDetails).`, { workflowId });
    throw new ReviewProblem(503, 'details-unavailable', `Workflow "${workflowId}" did not answer its details query: ${message}. Is its worker running?`, { workflowId });
  }
}
