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
  const { prompt, system, metadata, maxOutputTokens, knowledge, routeOnly, messages, temperature, responseFormat, logprobs, topLogprobs, model, stream } = input;
  const { step: _step, ...result } = await routedStep({ name: 'task', prompt, system, metadata, maxOutputTokens, knowledge, routeOnly, messages, temperature, responseFormat, logprobs, topLogprobs, model, stream });
  return result;
}
