/**
 * Sign-in and sign-out. The sign-in form has its own CSRF token (a SameSite=Strict cookie echoed in
 * a hidden field), so another site cannot sign a browser in to an account of its choosing.
 */
import { getConnInfo } from '@hono/node-server/conninfo';
import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { ReviewEnv } from '../review-env.js';
import type { ReviewerDirectory } from '../reviewers-config.js';
import { cookieOptions, endSession, randomToken, startSession, tokensMatch, type SessionSettings } from '../session.js';
import type { SignInLimiter } from '../sign-in-limiter.js';
import { loginPage } from '../views/login-view.js';

const LOGIN_COOKIE = 'switchyard_review_login';
/** The one message for every failed sign-in: it never tells which of id or password was wrong. */
export const SIGN_IN_FAILED = 'Sign-in failed: the reviewer id or the password is wrong.';

/**
 * Only same-site paths, so `?next=` cannot send a reviewer to another site after sign-in: one
 * leading slash, then printable ASCII without backslashes (no tab, newline or space, which browsers
 * strip or which would break the Location header).
 */
export function safeNext(next: unknown): string {
  return typeof next === 'string' && next.length <= 2_000 && /^\/(?![/\\])[!-[\]-~]*$/.test(next) ? next : '/tasks';
}

/** The client's address, for the sign-in limiter (unknown when not served by node-server, as in unit tests). */
function addressOf(context: Context<ReviewEnv>): string {
  try {
    return getConnInfo(context).remote.address ?? 'unknown';
  } catch {
    // Not behind @hono/node-server (app.request in tests): every caller shares one bucket.
    return 'unknown';
  }
}

function renderLogin(context: Context<ReviewEnv>, next: string, status: 200 | 400 | 401 | 403 | 429, error?: string, reviewerId?: string) {
  const csrfToken = randomToken();
  setCookie(context, LOGIN_COOKIE, csrfToken, cookieOptions(context, 3600));
  return context.html(loginPage({ nonce: context.get('secureHeadersNonce'), csrfToken, next, ...(error ? { error } : {}), ...(reviewerId ? { reviewerId } : {}) }), status);
}

/** Routes: GET/POST /login, POST /logout. */
export function authRoutes(reviewers: ReviewerDirectory, sessions: SessionSettings, limiter: SignInLimiter): Hono<ReviewEnv> {
  const routes = new Hono<ReviewEnv>();
  routes.get('/login', (context) => renderLogin(context, safeNext(context.req.query('next')), 200));
  routes.post('/login', async (context) => {
    const form = await context.req.parseBody();
    const next = safeNext(form.next);
    if (!tokensMatch(typeof form._csrf === 'string' ? form._csrf : undefined, getCookie(context, LOGIN_COOKIE) ?? '\0'))
      return renderLogin(context, next, 403, 'The sign-in form expired or did not come from this app. Please try again.');
    const id = typeof form.reviewer === 'string' ? form.reviewer.trim() : '';
    const password = typeof form.password === 'string' ? form.password : '';
    const address = addressOf(context);
    const locked = limiter.lockedUntil(id, address);
    if (locked !== null) {
      const minutes = Math.ceil((locked - sessions.now()) / 60_000);
      context.header('Retry-After', String(Math.ceil((locked - sessions.now()) / 1000)));
      return renderLogin(context, next, 429, `Too many failed sign-ins: sign-in is locked for ${minutes} more minute${minutes === 1 ? '' : 's'} (until ${new Date(locked).toISOString().slice(11, 16)} UTC). Ask an administrator if this was not you.`, id);
    }
    const reviewer = id && password ? await reviewers.signIn(id, password) : null;
    if (!reviewer) {
      limiter.recordFailure(id, address);
      return renderLogin(context, next, 401, SIGN_IN_FAILED, id);
    }
    limiter.recordSuccess(id);
    deleteCookie(context, LOGIN_COOKIE, { path: '/' });
    await startSession(context, reviewer.id, reviewer.passwordHash, sessions);
    return context.redirect(next, 303);
  });
  routes.post('/logout', async (context) => {
    await endSession(context, sessions);
    return context.redirect('/login', 303);
  });
  return routes;
}
