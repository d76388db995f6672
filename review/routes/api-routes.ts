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
import { assertMayReview, listTasks, readTask, taskReader } from '../review-tasks.js';
import { submitDecision } from '../submit-decision.js';

const states = ['none', 'pending', 'approved', 'edited', 'rejected', 'expired'] as const satisfies readonly ReviewState[];
const stateSchema = z.enum(states).default('pending');

/** Routes under /api: GET /session, GET /tasks?state=, GET /tasks/:workflowId, POST /tasks/:workflowId/decision. */
export function apiRoutes(services: ReviewServices): Hono<ReviewEnv> {
  const routes = new Hono<ReviewEnv>();
  const readerOf = (reviewerId: string) => taskReader(services.access, reviewerId);
  // Who the caller is, and the CSRF token a signed-in browser script must send as X-CSRF-Token.
  routes.get('/session', (context) => {
    const { id, name } = context.get('reviewer');
    return context.json({ reviewer: { id, name }, csrfToken: context.get('session')?.csrfToken ?? null });
  });
  routes.get('/tasks', async (context) => {
    const state = stateSchema.safeParse(context.req.query('state'));
    if (!state.success) throw new ReviewProblem(400, 'invalid-input', `state: expected one of ${states.join(', ')}`, { field: 'state' });
    // Reviewers work the queue; runs that never waited (or were decided) are not theirs to browse.
    if (state.data !== 'pending') throw new ReviewProblem(403, 'not-waiting', 'Reviewers see only tasks waiting for review (state=pending).', { field: 'state' });
    const reader = readerOf(context.get('reviewer').id);
    return context.json({ state: state.data, tasks: await listTasks(services.client, state.data, services.queryTimeoutMs, reader.maySee) });
  });
  routes.get('/tasks/:workflowId', async (context) => {
    return context.json(await readTask(services.client, context.req.param('workflowId'), services.queryTimeoutMs, readerOf(context.get('reviewer').id)));
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
    await assertMayReview(services.client, context.req.param('workflowId'), readerOf(decision.reviewer), { allowDecided: 'any', queryTimeoutMs: services.queryTimeoutMs });
    const outcome = await submitDecision(services.client, context.req.param('workflowId'), services.signer(context.req.param('workflowId'), decision), {
      timeoutMs: services.updateTimeoutMs,
      nameOf: services.nameOf,
    });
    return context.json({ outcome });
  });
  return routes;
}
