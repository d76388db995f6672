/**
 * `GET /v1/switchyard/tasks/{id}`: a task the gateway started for this key's application — still
 * running, waiting for review, or finished with its chat.completion. Another application's task is
 * a 404 (its existence is not revealed); ids are `gateway-<application>-<uuid>`.
 */
import { WorkflowNotFoundError } from '@temporalio/client';
import type { Hono } from 'hono';
import { reviewDetailsQuery } from '../workflows/review-definitions.js';
import { workflowUiLink } from '../workers/worker-environment.js';
import { chatCompletionOf, resultHeaders, taskHeaders } from './chat-completion.js';
import type { GatewayDependencies, GatewayEnv } from './gateway-context.js';
import { GatewayError } from './gateway-error.js';
import { taskFailure, temporalUnavailable } from './routed-task-client.js';
import { pendingTaskOf, taskPath } from './task-view.js';

/** Adds the task status route. */
export function addTasksRoute(app: Hono<GatewayEnv>, deps: GatewayDependencies): void {
  app.get('/v1/switchyard/tasks/:id', async (c) => {
    const key = c.get('key');
    const workflowId = c.req.param('id');
    const notFound = new GatewayError(404, 'not_found_error', `No task ${workflowId} for application ${key.application}.`, 'task_not_found', 'id');
    if (!workflowId.startsWith(`gateway-${key.application}-`)) throw notFound;
    const handle = deps.tasks.handle(workflowId);
    let description;
    try {
      description = await handle.describe();
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) throw notFound;
      throw temporalUnavailable(error);
    }
    const runUrl = workflowUiLink(deps.uiUrl, deps.namespace, workflowId);
    const headers = taskHeaders(workflowId, runUrl);
    const base = { id: workflowId, object: 'switchyard.task' as const, url: taskPath(workflowId) };
    if (description.status.name === 'RUNNING') {
      const details = await handle.query(reviewDetailsQuery);
      if (details.reviewState === 'pending') return c.json(pendingTaskOf(workflowId, details), 200, headers);
      return c.json({ ...base, status: 'running', data_class: details.dataClass, completion: null }, 200, headers);
    }
    if (description.status.name !== 'COMPLETED') {
      const failure = await handle.result().then(() => undefined, (error: unknown) => taskFailure(error));
      return c.json({ ...base, status: 'failed', completion: null, error: failure?.toBody().error ?? { message: description.status.name, type: 'server_error', code: null, param: null } }, 200, headers);
    }
    const result = await handle.result();
    const created = Math.floor((description.closeTime ?? new Date()).getTime() / 1000);
    const completion = chatCompletionOf(`chatcmpl-${workflowId.slice(`gateway-${key.application}-`.length)}`, created, result);
    return c.json({ ...base, status: 'completed', completion }, 200, resultHeaders(workflowId, runUrl, result));
  });
}
