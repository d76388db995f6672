/**
 * The JSON API for API clients and scripts: list tasks, read one, decide. Errors are
 * `{ error: { code, message, ... } }` with a 4xx status; see ReviewProblem.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import type { ReviewState } from '../../workflows/review-definitions.js';
import { toReviewDecision } from '../decision-input.js';
import type { ReviewEnv, ReviewServices } from '../review-env.js';
import { ReviewProblem } from '../review-problem.js';
import { listTasks, readTask } from '../review-tasks.js';
import { submitDecision } from '../submit-decision.js';

const states = ['none', 'pending', 'approved', 'edited', 'rejected', 'expired'] as const satisfies readonly ReviewState[];
const stateSchema = z.enum(states).default('pending');

/** Routes under /api: GET /session, GET /tasks?state=, GET /tasks/:workflowId, POST /tasks/:workflowId/decision. */
export function apiRoutes(services: ReviewServices): Hono<ReviewEnv> {
  const routes = new Hono<ReviewEnv>();
  // Who the caller is, and the CSRF token a signed-in browser script must send as X-CSRF-Token.
  routes.get('/session', (context) => {
    const { id, name } = context.get('reviewer');
    return context.json({ reviewer: { id, name }, csrfToken: context.get('session')?.csrfToken ?? null });
  });
  routes.get('/tasks', async (context) => {
    const state = stateSchema.safeParse(context.req.query('state'));
    if (!state.success) throw new ReviewProblem(400, 'invalid-input', `state: expected one of ${states.join(', ')}`, { field: 'state' });
    return context.json({ state: state.data, tasks: await listTasks(services.client, state.data, services.queryTimeoutMs) });
  });
  routes.get('/tasks/:workflowId', async (context) => {
    return context.json(await readTask(services.client, context.req.param('workflowId'), services.queryTimeoutMs));
  });
  routes.post('/tasks/:workflowId/decision', async (context) => {
    if (!/^application\/json\b/i.test(context.req.header('content-type') ?? ''))
      throw new ReviewProblem(400, 'invalid-input', 'body: send JSON with Content-Type: application/json', { field: 'body' });
    let payload: unknown;
    try {
      payload = await context.req.json();
    } catch {
      throw new ReviewProblem(400, 'invalid-input', 'body: not valid JSON', { field: 'body' });
    }
    const decision = toReviewDecision(payload, context.get('reviewer').id);
    const outcome = await submitDecision(services.client, context.req.param('workflowId'), decision, {
      timeoutMs: services.updateTimeoutMs,
      nameOf: services.nameOf,
    });
    return context.json({ outcome });
  });
  return routes;
}
