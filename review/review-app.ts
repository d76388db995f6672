/**
 * The review app: sign-in, the pending queue, task pages and the JSON API, as one hono app.
 * `createReviewApp(deps)` is what the server entry and the tests both build.
 */
import { randomBytes } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { NONCE, secureHeaders } from 'hono/secure-headers';
import type { DecisionSigner } from './decision-signature.js';
import type { ReviewAccess } from './review-access.js';
import type { ReviewEnv, ReviewServices } from './review-env.js';
import { createSignInLimiter, type SignInLimits } from './sign-in-limiter.js';
import { ReviewProblem } from './review-problem.js';
import type { ReviewerDirectory } from './reviewers-config.js';
import { isApiPath, requireReviewer } from './require-reviewer.js';
import { apiRoutes } from './routes/api-routes.js';
import { authRoutes } from './routes/auth-routes.js';
import { pageRoutes } from './routes/page-routes.js';
import { errorPage } from './views/error-view.js';

/** What the app needs; everything but client and reviewers has a default. */
export interface ReviewAppDependencies {
  client: Client;
  reviewers: ReviewerDirectory;
  /** Who may see and decide which task (from the policy's review section). */
  access: ReviewAccess;
  /** Signs decisions for the workflow's validator (required when the policy has review.decisionKeys). */
  signer?: DecisionSigner;
  /** Sign-in lock-out limits. */
  signInLimits?: SignInLimits;
  /** Largest request body on any route (default 256 KiB: an edited answer fits, a flood does not). */
  maxBodyBytes?: number;
  /** Signs session cookies; a random one (sessions end on restart) when not given. */
  secret?: string;
  sessionTtlMs?: number;
  /** How long a decision may wait for the workflow's worker to accept it. */
  updateTimeoutMs?: number;
  queryTimeoutMs?: number;
  now?: () => number;
  /** Where unexpected errors are reported (default: console.error). */
  logError?: (error: unknown) => void;
}

/** Build the review app. */
export function createReviewApp(deps: ReviewAppDependencies): Hono<ReviewEnv> {
  const now = deps.now ?? Date.now;
  const sessions = { secret: deps.secret ?? randomBytes(32).toString('base64url'), ttlMs: deps.sessionTtlMs ?? 8 * 3600_000, now, store: new Map() };
  const services: ReviewServices = {
    client: deps.client,
    access: deps.access,
    signer: deps.signer ?? ((_workflowId, decision) => decision),
    nameOf: (id) => {
      const reviewer = deps.reviewers.byId(id);
      return reviewer ? `${reviewer.name} (${id})` : id;
    },
    updateTimeoutMs: deps.updateTimeoutMs ?? 20_000,
    queryTimeoutMs: deps.queryTimeoutMs ?? 5_000,
    now,
  };
  const logError = deps.logError ?? ((error: unknown) => console.error('review app:', error));

  const app = new Hono<ReviewEnv>();
  // Before anything parses a body: an unauthenticated 60 MB form must cost nothing.
  app.use(
    bodyLimit({
      maxSize: deps.maxBodyBytes ?? 256 * 1024,
      onError: (context) =>
        isApiPath(context.req.path)
          ? context.json({ error: { code: 'body-too-large', message: 'The request body is too large.' } }, 413)
          : context.text('The request body is too large.', 413),
    }),
  );
  // Strict CSP: only our own nonce'd inline style and script run; forms post only to this app.
  app.use(
    secureHeaders({
      contentSecurityPolicy: { defaultSrc: ["'none'"], styleSrc: [NONCE], scriptSrc: [NONCE], formAction: ["'self'"], frameAncestors: ["'none'"], baseUri: ["'none'"] },
      referrerPolicy: 'no-referrer',
    }),
  );
  // Task pages show sensitive content: never let a shared cache or the back button keep a copy.
  app.use(async (context, next) => {
    await next();
    context.header('Cache-Control', 'no-store');
  });
  app.use(requireReviewer(deps.reviewers, sessions));
  app.route('/', authRoutes(deps.reviewers, sessions, createSignInLimiter({ now, ...deps.signInLimits })));
  app.route('/api', apiRoutes(services));
  app.route('/', pageRoutes(services));

  app.notFound((context) =>
    isApiPath(context.req.path)
      ? context.json({ error: { code: 'no-route', message: `No route ${context.req.method} ${context.req.path}` } }, 404)
      : context.html(errorPage({ title: 'Not found', nonce: context.get('secureHeadersNonce') }, `There is no page at ${context.req.path}.`), 404),
  );
  app.onError((error, context) => {
    const problem = error instanceof ReviewProblem ? error : null;
    if (!problem) logError(error);
    const status = problem?.status ?? 500;
    const message = problem?.message ?? 'Something went wrong in the review app; the error was logged.';
    if (isApiPath(context.req.path)) return context.json(problem ? problem.toJSON() : { error: { code: 'internal', message } }, status);
    const frame = { title: 'Error', nonce: context.get('secureHeadersNonce'), reviewer: context.get('reviewer'), csrfToken: context.get('session')?.csrfToken };
    return context.html(errorPage(frame, message), status);
  });
  return app;
}
