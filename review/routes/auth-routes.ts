/**
 * Sign-in and sign-out. The sign-in form has its own CSRF token (a SameSite=Strict cookie echoed in
 * a hidden field), so another site cannot sign a browser in to an account of its choosing.
 */
import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { ReviewEnv } from '../review-env.js';
import type { ReviewerDirectory } from '../reviewers-config.js';
import { cookieOptions, endSession, randomToken, startSession, tokensMatch, type SessionSettings } from '../session.js';
import { loginPage } from '../views/login-view.js';

const LOGIN_COOKIE = 'switchyard_review_login';
/** The one message for every failed sign-in: it never tells which of id or password was wrong. */
export const SIGN_IN_FAILED = 'Sign-in failed: the reviewer id or the password is wrong.';

/** Only same-site paths, so `?next=` cannot send a reviewer to another site after sign-in. */
export function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/(?![/\\])/.test(next) ? next : '/tasks';
}

function renderLogin(context: Context<ReviewEnv>, next: string, status: 200 | 400 | 401 | 403, error?: string, reviewerId?: string) {
  const csrfToken = randomToken();
  setCookie(context, LOGIN_COOKIE, csrfToken, cookieOptions(context, 3600));
  return context.html(loginPage({ nonce: context.get('secureHeadersNonce'), csrfToken, next, ...(error ? { error } : {}), ...(reviewerId ? { reviewerId } : {}) }), status);
}

/** Routes: GET/POST /login, POST /logout. */
export function authRoutes(reviewers: ReviewerDirectory, sessions: SessionSettings): Hono<ReviewEnv> {
  const routes = new Hono<ReviewEnv>();
  routes.get('/login', (context) => renderLogin(context, safeNext(context.req.query('next')), 200));
  routes.post('/login', async (context) => {
    const form = await context.req.parseBody();
    const next = safeNext(form.next);
    if (!tokensMatch(typeof form._csrf === 'string' ? form._csrf : undefined, getCookie(context, LOGIN_COOKIE) ?? '\0'))
      return renderLogin(context, next, 403, 'The sign-in form expired or did not come from this app. Please try again.');
    const id = typeof form.reviewer === 'string' ? form.reviewer.trim() : '';
    const password = typeof form.password === 'string' ? form.password : '';
    const reviewer = id && password ? await reviewers.signIn(id, password) : null;
    if (!reviewer) return renderLogin(context, next, 401, SIGN_IN_FAILED, id);
    deleteCookie(context, LOGIN_COOKIE, { path: '/' });
    await startSession(context, reviewer.id, sessions);
    return context.redirect(next, 303);
  });
  routes.post('/logout', (context) => {
    endSession(context);
    return context.redirect('/login', 303);
  });
  return routes;
}
