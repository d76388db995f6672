/** `switchyard run "<prompt>"`: route one request through a workflow and show where it went. */
import { randomUUID } from 'node:crypto';
import { reviewDetailsQuery } from '../workflows/review-definitions.js';
import { routedTask } from '../workflows/routed-task.js';
import { validateRoutedTaskInput, type RoutedTaskInput, type RoutedTaskResult } from '../workflows/routed-task-types.js';
import { readEnvironment, workflowUiLink } from '../workers/worker-environment.js';
import { connectClient, hasPollers } from './temporal-client.js';
import { initialSearchAttributes } from '../lib/client.js';

/** Options of `run`. */
export interface RunOptions {
  department?: string;
  application?: string;
  taskType?: string;
  system?: string;
  routeOnly?: boolean;
  json?: boolean;
  knowledge?: string;
  accessGroup?: string[];
}

/** Print a result's routing decision and answer as an operator reads it. */
export function describeResult(result: RoutedTaskResult): string {
  const { decision } = result;
  const lines = [
    `data class : ${result.dataClass}${result.sensitive ? ' (sensitive)' : ''}${result.entities.length ? ` — found ${[...new Set(result.entities.map((entity) => entity.type))].join(', ')}` : ''}`,
    `route      : ${decision.backendKind} → ${decision.backend} / ${decision.model} (${decision.providerModel}) on ${decision.taskQueue}`,
    `rule       : ${decision.rule} (policy ${decision.policyVersion})`,
    ...decision.reasons.map((reason) => `             ${reason}`),
  ];
  for (const attempt of result.attempts) {
    lines.push(`attempt ${attempt.rung}  : ${attempt.model} (${attempt.backendKind}) confidence ${attempt.confidence === null ? 'unknown' : attempt.confidence.toFixed(2)}${attempt.error ? ` — failed: ${attempt.error}` : ''} — ${attempt.reason}`);
  }
  if (result.status === 'routed-only') {
    lines.push('answer     : (route only: no inference was run)');
  } else {
    lines.push(`status     : ${result.status}${result.escalation !== 'none' ? ` (escalation: ${result.escalation})` : ''}${result.review ? ` — ${result.review.action} by ${result.review.reviewer}` : ''}`);
    lines.push(`answer     : ${result.answer ?? '(none)'}`, `usage      : ${result.usage?.inputTokens ?? 0} in / ${result.usage?.outputTokens ?? 0} out tokens, $${result.costUsd.toFixed(6)}`);
  }
  return lines.join('\n');
}

/** Run the command; returns the process exit code. */
export async function runCommand(prompt: string, options: RunOptions): Promise<number> {
  const input: RoutedTaskInput = {
    prompt,
    ...(options.system ? { system: options.system } : {}),
    metadata: { department: options.department, application: options.application, taskType: options.taskType },
    routeOnly: options.routeOnly ?? false,
    ...(options.knowledge ? { knowledge: { collection: options.knowledge, accessGroups: options.accessGroup } } : {}),
  };
  const problem = validateRoutedTaskInput(input);
  if (problem) {
    console.error(`switchyard run: ${problem}`);
    return 2;
  }
  const settings = readEnvironment();
  const { client, close } = await connectClient(settings);
  try {
    if (!(await hasPollers(client, settings.namespace, settings.controlTaskQueue))) {
      console.error(`switchyard run: no control worker is polling ${settings.controlTaskQueue}; start one (\`npx tsx workers/control-worker.ts\`) or run \`npm run demo\`.`);
      return 3;
    }
    const workflowId = `switchyard-${randomUUID()}`;
    const handle = await client.workflow.start(routedTask, { taskQueue: settings.controlTaskQueue, workflowId, args: [input], staticSummary: 'switchyard run' /* never prompt text: summaries are not encrypted */, typedSearchAttributes: initialSearchAttributes(input.metadata) });
    const link = workflowUiLink(settings.uiUrl, settings.namespace, workflowId);
    try {
      // A task escalated to a person can wait for hours: say where to decide it instead of sitting silent.
      let told = false;
      const watcher = setInterval(() => {
        if (told) return;
        handle.query(reviewDetailsQuery).then(
          (details) => {
            if (details.reviewState !== 'pending' || told) return;
            told = true;
            console.error(`waiting for human review (${details.escalationReason}); decide it in the review app (${process.env.SWITCHYARD_REVIEW_URL ?? 'http://127.0.0.1:8090'}) — Ctrl-C stops waiting, the task stays pending`);
          },
          () => undefined, // the task may finish between polls; the result below says how
        );
      }, 1_000);
      const result = await handle.result().finally(() => clearInterval(watcher));
      console.log(options.json ? JSON.stringify({ workflowId, link, ...result }, null, 2) : `${describeResult(result)}\nworkflow   : ${workflowId}\n             ${link}`);
      return 0;
    } catch (error) {
      const cause = (error as { cause?: { message?: string; cause?: { message?: string } } }).cause;
      console.error(`switchyard run: the workflow failed: ${cause?.cause?.message ?? cause?.message ?? (error as Error).message}\nworkflow   : ${workflowId}\n             ${link}`);
      return 1;
    }
  } finally {
    await close();
  }
}
