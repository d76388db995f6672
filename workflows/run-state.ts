/**
 * What one workflow run accumulates across its routed steps: the policy (loaded once per run), the
 * review record and handlers (installed once), and the union of every step's facts for the run's
 * search attributes. Module state in workflow code is per run: the SDK isolates each execution.
 */
import type { SearchAttributeUpdatePair } from '@temporalio/common';
import { proxyLocalActivities, setHandler, upsertMemo, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { ControlActivities } from '../activities/control-activities.js';
import { higherClass } from '../routing/data-classes.js';
import type { Policy } from '../routing/policy-schema.js';
import type { PolicySnapshot } from '../temporal/policy-snapshot.js';
import { searchAttributes } from '../temporal/search-attributes.js';
import { reviewDetailsQuery, type ReviewDetails } from './review-definitions.js';
import { installReviewHandler } from './review-step.js';
import type { RoutedTaskResult } from './routed-task-types.js';
import type { StepRecord } from './routed-step-types.js';

// Local: the policy is in the control worker's memory; a server round trip per run bought nothing.
const { getPolicy } = proxyLocalActivities<ControlActivities>({ startToCloseTimeout: '10 seconds', retry: { maximumAttempts: 5 } });

const ESCALATION_RANK: Record<RoutedTaskResult['escalation'], number> = { none: 0, fallback: 1, model: 2, human: 3 };

/** The per-run state every routed step shares. */
export interface RunState {
  policy: Policy | undefined;
  /** The step under way (or the last one): what the review query shows and the update decides. */
  record: ReviewDetails;
  /** The current step's best answer, values restored, for the review update's result. */
  bestAnswer: () => string | null;
  steps: StepRecord[];
  stepCount: number;
  union: { dataClass?: string; sensitive: boolean; cloud: boolean; models: string[]; taskQueues: string[]; rules: string[]; escalation: RoutedTaskResult['escalation']; costUsd: number };
}

let state: RunState | undefined;

/** A blank review record for a step. */
export function emptyRecord(): ReviewDetails {
  return { workflowId: workflowInfo().workflowId, prompt: '', metadata: {}, dataClass: 'unclassified', sensitive: true, escalationReason: null, attempts: [], context: [], reviewState: 'none', waitingSince: null, slaDeadline: null, decision: null };
}

/** This run's state; the first call installs the review query and update handlers. */
export function runState(): RunState {
  if (state) return state;
  const created: RunState = {
    policy: undefined,
    record: emptyRecord(),
    bestAnswer: () => null,
    steps: [],
    stepCount: 0,
    union: { sensitive: false, cloud: false, models: [], taskQueues: [], rules: [], escalation: 'none', costUsd: 0 },
  };
  state = created;
  setHandler(reviewDetailsQuery, () => created.record);
  installReviewHandler(() => created.record, () => created.policy?.review.reviewers ?? [], () => created.bestAnswer(), () => created.policy?.review.decisionKeys ?? []);
  return created;
}

/**
 * The policy for this run, loaded once (a local activity: its result is a marker in history, holding
 * a reference to the version's policy record). Runs recorded before the snapshot hold the bare policy.
 */
export async function runPolicy(run: RunState): Promise<Policy> {
  if (!run.policy) {
    const loaded = (await getPolicy()) as PolicySnapshot | Policy;
    run.policy = 'switchyardClaim' in loaded ? loaded.policy : loaded;
  }
  return run.policy;
}

function addAll(list: string[], values: string[]): boolean {
  const added = values.filter((value) => !list.includes(value));
  list.push(...added);
  return added.length > 0;
}

/**
 * Fold a step's facts into the run's union and return the search-attribute updates that changed:
 * data class the highest, sensitive and cloud any, models/queues/rules every value, cost the sum.
 */
export function foldIntoRun(run: RunState, policy: Policy, facts: { dataClass: string; sensitive: boolean; cloud?: boolean; models?: string[]; taskQueues?: string[]; rules?: string[]; escalation?: RoutedTaskResult['escalation']; costUsd?: number }): SearchAttributeUpdatePair[] {
  const { union } = run;
  const updates: SearchAttributeUpdatePair[] = [];
  const dataClass = union.dataClass === undefined ? facts.dataClass : higherClass(policy, union.dataClass, facts.dataClass);
  if (dataClass !== union.dataClass) updates.push({ key: searchAttributes.dataClass, value: (union.dataClass = dataClass) });
  union.sensitive ||= facts.sensitive;
  updates.push({ key: searchAttributes.sensitive, value: union.sensitive });
  union.cloud ||= facts.cloud === true;
  updates.push({ key: searchAttributes.cloud, value: union.cloud });
  if (addAll(union.models, facts.models ?? [])) updates.push({ key: searchAttributes.models, value: [...union.models] });
  if (addAll(union.taskQueues, facts.taskQueues ?? [])) updates.push({ key: searchAttributes.taskQueues, value: [...union.taskQueues] });
  if (addAll(union.rules, facts.rules ?? [])) updates.push({ key: searchAttributes.rules, value: [...union.rules] });
  if (facts.escalation && ESCALATION_RANK[facts.escalation] > ESCALATION_RANK[union.escalation]) {
    union.escalation = facts.escalation;
    updates.push({ key: searchAttributes.escalation, value: facts.escalation });
  }
  if (facts.costUsd !== undefined) {
    union.costUsd += facts.costUsd;
    updates.push({ key: searchAttributes.costUsd, value: union.costUsd });
  }
  return updates;
}

/** Record a finished step: memo `switchyardSteps` (every step, one shape) and the run's attributes, in one batch. */
export function recordStep(run: RunState, step: StepRecord, updates: SearchAttributeUpdatePair[]): void {
  run.steps.push(step);
  upsertSearchAttributes(updates);
  upsertMemo({ switchyardSteps: run.steps });
}
