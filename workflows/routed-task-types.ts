/** The routed task's input and output, shared by the workflow, its clients and tests. Pure. */
import type { RouteDecision } from '../routing/route.js';
import type { RecordedEntity } from '../activities/control-activities.js';
import type { TokenUsage } from '../backends/backend.js';
import type { AttemptRecord, ReviewDecision } from './review-definitions.js';

/** The workflow type name, for clients that start it by name. */
export const ROUTED_TASK_WORKFLOW = 'routedTask';

/** Who is asking; rules may match on these. */
export interface RequestMetadata {
  department?: string;
  application?: string;
  /** Overrides the task-type guess (e.g. `code`, `summarize`). */
  taskType?: string;
  user?: string;
}

/** Retrieval from a local knowledge collection, placed into the prompt as context. */
export interface KnowledgeRequest {
  collection: string;
  /** Default 4. */
  topK?: number;
  minScore?: number;
  /** The caller's groups; chunks restricted to other groups are never retrieved. */
  accessGroups?: string[];
}

/** One routed AI request. */
export interface RoutedTaskInput {
  prompt: string;
  system?: string;
  metadata?: RequestMetadata;
  maxOutputTokens?: number;
  /** Retrieve context from a local collection first (its chunks' classes count toward the prompt's). */
  knowledge?: KnowledgeRequest;
  /** Classify and route, record the decision, but run no inference (explains where it would go). */
  routeOnly?: boolean;
}

/** Where the task ended. */
export type RoutedTaskStatus =
  | 'answered'
  /** Every model rung was below the threshold and the ladder has no human rung: best answer, flagged. */
  | 'answered-low-confidence'
  | 'approved'
  | 'edited'
  | 'rejected'
  /** The review SLA expired and the policy returns the best answer marked unreviewed. */
  | 'unreviewed'
  /** The review SLA expired and the policy rejects. */
  | 'expired'
  | 'routed-only';

/** What the caller gets back; the same facts are in search attributes and memo. */
export interface RoutedTaskResult {
  status: RoutedTaskStatus;
  answer: string | null;
  dataClass: string;
  sensitive: boolean;
  classificationReasons: string[];
  /** Types and spans only: values never leave the prompt. */
  entities: RecordedEntity[];
  taskType: string;
  decision: RouteDecision;
  usage: TokenUsage | null;
  costUsd: number;
  /** The model that actually answered, as the backend named it. */
  answeredBy: string | null;
  /** Confidence of the answer returned (null when unknown or no model answered). */
  confidence: number | null;
  confidenceMethod: string | null;
  /** `none`, `model` (climbed the ladder), `fallback` (capacity/outage), `human` (went to review). */
  escalation: 'none' | 'model' | 'fallback' | 'human';
  /** Every model attempt in order, with its reason and confidence. */
  attempts: AttemptRecord[];
  /** The reviewer's decision, when a person decided. */
  review: (ReviewDecision & { decidedAt: string }) | null;
}

/** The problem with an input, or undefined when it is acceptable. Used by clients and the workflow. */
export function validateRoutedTaskInput(input: unknown): string | undefined {
  if (typeof input !== 'object' || input === null) return 'expected an object { prompt, system?, metadata? }';
  const { prompt, system } = input as Partial<RoutedTaskInput>;
  if (typeof prompt !== 'string') return `prompt: expected a string, got ${prompt === undefined ? 'nothing' : typeof prompt}`;
  if (prompt.trim().length === 0) return 'prompt: expected text, got an empty prompt';
  if (system !== undefined && typeof system !== 'string') return `system: expected a string, got ${typeof system}`;
  const { knowledge } = input as Partial<RoutedTaskInput>;
  if (knowledge !== undefined && (typeof knowledge !== 'object' || knowledge === null || typeof knowledge.collection !== 'string' || knowledge.collection === '')) {
    return 'knowledge: expected { collection, topK?, minScore?, accessGroups? } with a collection name';
  }
  if (knowledge?.topK !== undefined && (!Number.isInteger(knowledge.topK) || knowledge.topK < 1 || knowledge.topK > 50)) return 'knowledge.topK: expected an integer from 1 to 50';
  return undefined;
}
