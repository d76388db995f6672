/**
 * The reviewer's pages: the queue, one task, and the decision forms' post. A refused decision shows
 * the task again with the reason at the matching 4xx status; an accepted one redirects to the task
 * (post/redirect/get, so reloading the page never submits twice).
 */
import { Hono, type Context } from 'hono';
import { toReviewDecision } from '../decision-input.js';
import type { ReviewEnv, ReviewServices } from '../review-env.js';
import { ReviewProblem } from '../review-problem.js';
import { assertMayReview, listTasks, readTask, taskReader } from '../review-tasks.js';
import { submitDecision } from '../submit-decision.js';
import { queuePage } from '../views/queue-view.js';
import { taskPage } from '../views/task-view.js';

/** Routes: GET /, GET /tasks, GET /tasks/:workflowId, POST /tasks/:workflowId/decision. */
export function pageRoutes(services: ReviewServices): Hono<ReviewEnv> {
  const routes = new Hono<ReviewEnv>();
  const frame = (context: Context<ReviewEnv>) => ({
    nonce: context.get('secureHeadersNonce'),
    reviewer: context.get('reviewer'),
    csrfToken: context.get('session')?.csrfToken,
  });
  const readerOf = (context: Context<ReviewEnv>) => taskReader(services.access, context.get('reviewer').id);
  const showTask = async (context: Context<ReviewEnv>, workflowId: string, problem?: ReviewProblem) => {
    const { status, details } = await readTask(services.client, workflowId, services.queryTimeoutMs, readerOf(context));
    const view = { ...frame(context), status, details, nameOf: services.nameOf, ...(problem ? { error: problem.message } : {}) };
    return context.html(taskPage(view), problem?.status ?? 200);
  };

  routes.get('/', (context) => context.redirect('/tasks', 303));
  routes.get('/tasks', async (context) => {
    const tasks = await listTasks(services.client, 'pending', services.queryTimeoutMs, readerOf(context).maySee);
    return context.html(queuePage({ ...frame(context), tasks, now: services.now() }));
  });
  routes.get('/tasks/:workflowId', (context) => showTask(context, context.req.param('workflowId')));
  routes.post('/tasks/:workflowId/decision', async (context) => {
    const workflowId = context.req.param('workflowId');
    const { _csrf: _ignored, ...fields } = await context.req.parseBody();
    try {
      const decision = toReviewDecision(fields, context.get('reviewer').id);
      await assertMayReview(services.client, workflowId, readerOf(context), { allowDecided: 'any', queryTimeoutMs: services.queryTimeoutMs });
      await submitDecision(services.client, workflowId, services.signer(workflowId, decision), { timeoutMs: services.updateTimeoutMs, nameOf: services.nameOf });
    } catch (error) {
      // Unknown ids have no task page to show the message on: the app's error page handles them.
      if (error instanceof ReviewProblem && error.status !== 404) return showTask(context, workflowId, error);
      throw error;
    }
    return context.redirect(`/tasks/${encodeURIComponent(workflowId)}`, 303);
  });
  return routes;
}
