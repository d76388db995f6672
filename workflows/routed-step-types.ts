/**
 * The routed step's options, result and history record: one inference step of any workflow, run
 * under the policy. Pure: workflow-safe, and imported by clients and tests for the shapes.
 */
import type { AttemptRecord } from './review-definitions.js';
import { validateRoutedTaskInput, type RoutedTaskInput, type RoutedTaskResult } from './routed-task-types.js';

/** One routed step: the routed task's input plus per-step options. */
export interface RoutedStepInput extends RoutedTaskInput {
  /** The step's name in history and memo (default `step-1`, `step-2`, … in call order). */
  name?: string;
  /**
   * Text the workflow already holds (an earlier step's answer, a ticket thread): each item is a
   * context part of the prompt, classified with it, so its class counts toward the step's route.
   */
  context?: string[];
  /** Overrides the policy's confidence threshold for this step (0 to 1; 0 never escalates). */
  confidenceThreshold?: number;
  /** `false`: never wait for a person; a low-confidence best answer returns flagged instead. Default: the policy's ladder. */
  review?: boolean;
}

/** The step's answer and its audit facts (the routed task's result, named). */
export interface RoutedStepResult extends RoutedTaskResult {
  step: string;
}

/** One inference attempt as history records it, readable without workflow code. */
export type AttemptSummary = Pick<AttemptRecord, 'rung' | 'model' | 'backend' | 'backendKind' | 'taskQueue' | 'outcome' | 'dispatched'>;

/**
 * A step's record, one shape for every step of every workflow: upserted into the memo under
 * `switchyardSteps` when the step ends. No prompt or answer text: that stays in activity payloads.
 */
export interface StepRecord {
  step: string;
  dataClass: string;
  sensitive: boolean;
  taskType: string;
  rule: string;
  policyVersion: string;
  /** Where the router sent it (the plan); `attempts` say where bytes actually went. */
  planned: { model: string; backendKind: 'local' | 'cloud'; taskQueue: string; redact: boolean };
  status: RoutedTaskResult['status'];
  escalation: RoutedTaskResult['escalation'];
  /** True only when some attempt of this step was dispatched to a cloud backend. */
  cloudDispatched: boolean;
  attempts: AttemptSummary[];
}

/** The problem with a step's input, or undefined when it is acceptable. */
export function validateRoutedStepInput(input: unknown): string | undefined {
  const problem = validateRoutedTaskInput(input);
  if (problem) return problem;
  const { name, context, confidenceThreshold, review } = input as RoutedStepInput;
  if (name !== undefined && (typeof name !== 'string' || name.trim() === '')) return 'name: expected a non-empty string';
  if (context !== undefined && (!Array.isArray(context) || context.some((item) => typeof item !== 'string'))) return 'context: expected an array of strings';
  if (confidenceThreshold !== undefined && (typeof confidenceThreshold !== 'number' || !(confidenceThreshold >= 0 && confidenceThreshold <= 1))) {
    return 'confidenceThreshold: expected a number from 0 to 1';
  }
  if (review !== undefined && typeof review !== 'boolean') return 'review: expected true or false';
  return undefined;
}
