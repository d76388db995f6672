/**
 * Authentication for every route except sign-in: a bearer token (API clients) or a signed session
 * cookie (browsers). Without either, API routes answer 401 and pages redirect to /login. A cookie
 * request that changes something must also carry the session's CSRF token (form field `_csrf` or
 * header `X-CSRF-Token`); bearer requests need none, because browsers never attach them on their own.
 */
import type { Context, MiddlewareHandler } from 'hono';
import type { ReviewEnv } from './review-env.js';
import type { ReviewerDirectory } from './reviewers-config.js';
import { credentialFingerprint, readSession, tokensMatch, type SessionSettings } from './session.js';

/** Paths anyone may reach: the sign-in page and its form post. */
const PUBLIC_PATHS = new Set(['/login']);

/** Whether a path belongs to the JSON API (401 instead of a redirect). */
export function isApiPath(path: string): boolean {
  return path === '/api' || path.startsWith('/api/');
}

function refuse(context: Context, message: string) {
  if (isApiPath(context.req.path)) {
    context.header('WWW-Authenticate', 'Bearer realm="switchyard-review"');
    return context.json({ error: { code: 'unauthenticated', message } }, 401);
  }
  const next = context.req.path + (new URL(context.req.url).search || '');
  return context.redirect(`/login?next=${encodeURIComponent(next)}`, 303);
}

/** The middleware: sets `reviewer` and `session`, or refuses. */
export function requireReviewer(reviewers: ReviewerDirectory, sessions: SessionSettings): MiddlewareHandler<ReviewEnv> {
  return async (context, next) => {
    if (PUBLIC_PATHS.has(context.req.path)) return next();
    const authorization = context.req.header('authorization');
    if (authorization !== undefined) {
      const token = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
      const reviewer = token ? reviewers.byToken(token) : null;
      if (!reviewer) return refuse(context, 'The bearer token is not valid.');
      context.set('reviewer', reviewer);
      context.set('session', null);
      return next();
    }
    const session = await readSession(context, sessions);
    const reviewer = session ? reviewers.byId(session.reviewerId) : undefined;
    if (!session || !reviewer || credentialFingerprint(reviewer.passwordHash) !== session.credential) {
      // A session for an account since removed from the reviewers file, or whose password changed, ends here for good.
      if (session) sessions.store.delete(session.id);
      return refuse(context, 'Sign in first, or send `Authorization: Bearer <token>`.');
    }
    if (!['GET', 'HEAD', 'OPTIONS'].includes(context.req.method)) {
      const submitted = context.req.header('x-csrf-token') ?? (await formField(context, '_csrf'));
      if (!tokensMatch(submitted, session.csrfToken)) {
        const message = 'The form is out of date or did not come from this app (CSRF check failed). Reload the page and try again.';
        return isApiPath(context.req.path) ? context.json({ error: { code: 'csrf', message } }, 403) : context.text(message, 403);
      }
    }
    context.set('reviewer', reviewer);
    context.set('session', session);
    return next();
  };
}

/** A urlencoded/multipart form field (hono caches the parsed body, so the route can read it again). */
async function formField(context: Context, name: string): Promise<string | undefined> {
  const type = context.req.header('content-type') ?? '';
  if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(type)) return undefined;
  const value = (await context.req.parseBody())[name];
  return typeof value === 'string' ? value : undefined;
}
