/** The routed task's input and output, shared by the workflow, its clients and tests. Pure. */
import type { RouteDecision } from '../routing/route.js';
import type { RecordedEntity } from '../activities/control-activities.js';
import type { TokenLogprob, TokenUsage } from '../backends/backend.js';
import type { StreamTarget } from '../stream/stream-messages.js';
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

/** One earlier turn of a conversation, sent to the backend as a real turn. */
export interface ConversationTurn {
  role: 'user' | 'assistant';
  content: string;
}

/** What a `ResponseFormat` name may be (OpenAI's rule), checked by the gateway and the workflow alike. */
export const RESPONSE_FORMAT_NAME = /^[A-Za-z0-9_-]{1,64}$/;

/** Structured output: JSON matching `schema`, or any one JSON object without a schema. */
export interface ResponseFormat {
  /** A name for the schema (OpenAI requires one): letters, digits, `_` and `-`, at most 64. */
  name: string;
  schema?: Record<string, unknown>;
}

/** One routed AI request. */
export interface RoutedTaskInput {
  /** The (last) user message. */
  prompt: string;
  system?: string;
  /**
   * Earlier turns of a conversation, oldest first, between `system` and `prompt`. Every turn is
   * classified with the prompt: a card number in turn 1 keeps turn 5 local.
   */
  messages?: ConversationTurn[];
  /** Sampling temperature, 0 to 2 (the backend's default when absent). */
  temperature?: number;
  responseFormat?: ResponseFormat;
  /** Return the answer's tokens with their log-probabilities (`logprobs` on the result), when the backend gives them. */
  logprobs?: boolean;
  /** With `logprobs`: also the likeliest tokens at each position, up to this many (0 to 20), as `top` on each token. */
  topLogprobs?: number;
  /**
   * A policy model alias to use instead of the route's choice. Honoured only where the data class
   * permits: a sensitive (or pinned-local) request asking for a cloud model stays local, and the
   * decision's reasons say so.
   */
  model?: string;
  /** Where inference attempts may stream the answer's pieces (an allow-listed gateway slot; decision 0017). */
  stream?: StreamTarget;
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
  /** The answer's tokens and log-probabilities: only when asked for (`logprobs`) and the backend gave them; null otherwise. */
  logprobs?: TokenLogprob[] | null;
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
  return validateConversationOptions(input as Partial<RoutedTaskInput>);
}

/** Most alternatives per token a caller may ask for (OpenAI's limit for `top_logprobs`). */
export const MAX_TOP_LOGPROBS = 20;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The problem with the conversation and pass-through options, naming the field. */
function validateConversationOptions(input: Partial<RoutedTaskInput>): string | undefined {
  const { messages, temperature, responseFormat, logprobs, topLogprobs, model, stream } = input;
  if (messages !== undefined) {
    if (!Array.isArray(messages)) return 'messages: expected an array of { role, content }';
    for (const [index, turn] of (messages as unknown[]).entries()) {
      if (!isObject(turn) || (turn.role !== 'user' && turn.role !== 'assistant')) return `messages[${index}].role: expected "user" or "assistant"`;
      if (typeof turn.content !== 'string') return `messages[${index}].content: expected a string`;
    }
  }
  if (temperature !== undefined && (typeof temperature !== 'number' || !(temperature >= 0 && temperature <= 2))) return 'temperature: expected a number from 0 to 2';
  if (responseFormat !== undefined) {
    if (!isObject(responseFormat) || typeof responseFormat.name !== 'string' || !RESPONSE_FORMAT_NAME.test(responseFormat.name)) {
      return 'responseFormat.name: expected 1 to 64 letters, digits, _ or -';
    }
    if (responseFormat.schema !== undefined && !isObject(responseFormat.schema)) return 'responseFormat.schema: expected a JSON Schema object';
  }
  if (logprobs !== undefined && typeof logprobs !== 'boolean') return 'logprobs: expected true or false';
  if (topLogprobs !== undefined) {
    if (!Number.isInteger(topLogprobs) || topLogprobs < 0 || topLogprobs > MAX_TOP_LOGPROBS) return `topLogprobs: expected an integer from 0 to ${MAX_TOP_LOGPROBS}`;
    if (topLogprobs > 0 && logprobs !== true) return 'topLogprobs: needs logprobs: true';
  }
  if (model !== undefined && (typeof model !== 'string' || model.trim() === '')) return 'model: expected a policy model alias';
  if (stream !== undefined) {
    if (!isObject(stream) || typeof stream.url !== 'string' || !/^https?:\/\/[^\s]+$/.test(stream.url)) return 'stream.url: expected an http(s) URL';
    if (typeof stream.token !== 'string' || stream.token.length < 16 || stream.token.length > 512) return 'stream.token: expected a token of 16 to 512 characters';
  }
  return undefined;
}
