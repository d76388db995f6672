/**
 * Escalation and human-override rates per task type, read from visibility: every run's search
 * attributes say whether it escalated and how a review ended; its memo says the task type.
 */
import type { Client } from '@temporalio/client';
import { listingClient, unreadableMemo } from '../temporal/listing-client.js';
import { searchAttributes } from '../temporal/search-attributes.js';

/** The task type of runs whose memo this process cannot decrypt (their search attributes still count). */
export const UNREADABLE_TASK_TYPE = '(memo unreadable)';

/** One run as the statistics need it. */
export interface RunFacts {
  workflowId: string;
  taskType: string;
  escalation: string;
  reviewState: string;
  /** Why the memo could not be read (e.g. encrypted under a key not in this keyring); the task type is then unknown. */
  unreadable?: string;
}

/** Rates for one task type. */
export interface TaskTypeStats {
  taskType: string;
  runs: number;
  escalated: number;
  toModel: number;
  toFallback: number;
  toHuman: number;
  /** Reviews that changed the outcome: edits and rejections. */
  overridden: number;
  escalationRate: number;
  /** Overridden ÷ human-reviewed decisions (null when nobody decided yet). */
  humanOverrideRate: number | null;
}

/** Aggregate runs per task type (pure, so it is tested without a server). */
export function aggregateEscalationStats(runs: RunFacts[]): TaskTypeStats[] {
  const byType = new Map<string, RunFacts[]>();
  for (const run of runs) byType.set(run.taskType, [...(byType.get(run.taskType) ?? []), run]);
  return [...byType.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([taskType, group]) => {
      const count = (predicate: (run: RunFacts) => boolean) => group.filter(predicate).length;
      const escalated = count((run) => run.escalation !== 'none');
      const decided = count((run) => ['approved', 'edited', 'rejected'].includes(run.reviewState));
      const overridden = count((run) => run.reviewState === 'edited' || run.reviewState === 'rejected');
      return {
        taskType,
        runs: group.length,
        escalated,
        toModel: count((run) => run.escalation === 'model'),
        toFallback: count((run) => run.escalation === 'fallback'),
        toHuman: count((run) => run.escalation === 'human'),
        overridden,
        escalationRate: escalated / group.length,
        humanOverrideRate: decided === 0 ? null : overridden / decided,
      };
    });
}

/** Read the facts of every routed run started since `since` (routed-only runs excluded: nothing to escalate). */
export async function readRunFacts(client: Client, since: Date): Promise<RunFacts[]> {
  const query = `WorkflowType = 'routedTask' AND StartTime > '${since.toISOString()}' AND SwitchyardStatus != 'routed-only'`;
  const facts: RunFacts[] = [];
  // One run encrypted under a key this process lacks must not end the listing for all the others.
  for await (const run of listingClient(client).workflow.list({ query })) {
    const memo = (run.memo ?? {}) as { taskType?: string };
    const unreadable = unreadableMemo(run.memo);
    facts.push({
      workflowId: run.workflowId,
      taskType: unreadable ? UNREADABLE_TASK_TYPE : (memo.taskType ?? 'unknown'),
      escalation: run.typedSearchAttributes.get(searchAttributes.escalation) ?? 'none',
      reviewState: run.typedSearchAttributes.get(searchAttributes.reviewState) ?? 'none',
      ...(unreadable ? { unreadable } : {}),
    });
  }
  return facts;
}
