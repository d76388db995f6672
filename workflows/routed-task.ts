/**
 * The routed task: one routed step as a workflow of its own (`switchyard run`, the demo, the
 * gateway). Everything it does is `routedStep()`'s: classify → route → infer → confidence →
 * escalate → review, with the decision in search attributes, memo, activity summaries and the
 * review query, so the run's history answers "where was this processed, under which policy, by whom".
 */
import { ApplicationFailure } from '@temporalio/workflow';
import { routedStep } from './routed-step.js';
import { runState } from './run-state.js';
import { validateRoutedTaskInput, type RoutedTaskInput, type RoutedTaskResult } from './routed-task-types.js';

/** Route one AI request under the control worker's policy and return the answer with its audit facts. */
export async function routedTask(input: RoutedTaskInput): Promise<RoutedTaskResult> {
  // Handlers first: the review query answers even for a request refused below.
  runState();
  const problem = validateRoutedTaskInput(input);
  if (problem) throw ApplicationFailure.create({ type: 'InvalidRequest', message: `Invalid request: ${problem}`, nonRetryable: true });
  const { step: _step, ...result } = await routedStep({ ...taskFieldsOf(input), name: 'task' });
  return result;
}

/**
 * The fields a task's caller may set, and nothing else: a client's input must not reach the step's
 * own options (`review: false` would skip human review, `confidenceThreshold: 0` escalation). An
 * allow-list, checked by the compiler against {@link RoutedTaskInput}: a new task field that is not
 * added here fails the typecheck instead of being silently dropped.
 */
const TASK_FIELDS = [
  'prompt', 'system', 'messages', 'temperature', 'responseFormat', 'logprobs', 'topLogprobs', 'model', 'stream', 'metadata', 'maxOutputTokens', 'knowledge', 'routeOnly',
] as const satisfies readonly (keyof RoutedTaskInput)[];
type UnlistedTaskField = Exclude<keyof RoutedTaskInput, (typeof TASK_FIELDS)[number]>;
// Fails to compile, naming the field, when RoutedTaskInput gains one that TASK_FIELDS lacks.
const everyTaskFieldListed: [UnlistedTaskField] extends [never] ? true : UnlistedTaskField = true;
void everyTaskFieldListed;

function taskFieldsOf(input: RoutedTaskInput): RoutedTaskInput {
  const fields: Partial<RoutedTaskInput> = {};
  for (const field of TASK_FIELDS) if (input[field] !== undefined) (fields as Record<string, unknown>)[field] = input[field];
  return fields as RoutedTaskInput;
}
