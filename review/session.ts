/**
 * Signed-cookie sessions: the cookie holds reviewer id, expiry and the session's CSRF token, signed
 * with HMAC-SHA256 (hono's signed cookies). Nothing is stored server-side, so the app stays
 * stateless like the rest of Switchyard; a session ends when the cookie expires or is deleted.
 */
import { randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import { deleteCookie, getSignedCookie, setSignedCookie } from 'hono/cookie';
import { constantTimeEqual } from './password-hash.js';

/** The session cookie's name. */
export const SESSION_COOKIE = 'switchyard_review_session';

/** A signed-in reviewer's session. */
export interface Session {
  reviewerId: string;
  /** Sent back by every form post (hidden field) and cookie-authenticated API post (header). */
  csrfToken: string;
  expiresAt: number;
}

/** How sessions are signed and how long they last. */
export interface SessionSettings {
  secret: string;
  ttlMs: number;
  now: () => number;
}

/** A random token for CSRF checks. */
export function randomToken(): string {
  return randomBytes(24).toString('base64url');
}

/** Cookie flags: HttpOnly so scripts cannot read it, SameSite=Strict so other sites never send it. */
export function cookieOptions(context: Context, maxAgeSeconds: number) {
  // Secure only over HTTPS: the app listens on 127.0.0.1 over HTTP behind whatever terminates TLS.
  const secure = new URL(context.req.url).protocol === 'https:' || context.req.header('x-forwarded-proto') === 'https';
  return { httpOnly: true, sameSite: 'Strict', secure, path: '/', maxAge: maxAgeSeconds } as const;
}

/** Start a session for `reviewerId` (a fresh CSRF token each time, so sign-in rotates it). */
export async function startSession(context: Context, reviewerId: string, settings: SessionSettings): Promise<Session> {
  const session = { reviewerId, csrfToken: randomToken(), expiresAt: settings.now() + settings.ttlMs };
  const value = Buffer.from(JSON.stringify(session)).toString('base64url');
  await setSignedCookie(context, SESSION_COOKIE, value, settings.secret, cookieOptions(context, Math.floor(settings.ttlMs / 1000)));
  return session;
}

/** The request's valid, unexpired session, or null (a forged or tampered cookie reads as none). */
export async function readSession(context: Context, settings: SessionSettings): Promise<Session | null> {
  const value = await getSignedCookie(context, settings.secret, SESSION_COOKIE);
  if (!value) return null;
  try {
    const session = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as Partial<Session>;
    if (typeof session.reviewerId !== 'string' || typeof session.csrfToken !== 'string' || typeof session.expiresAt !== 'number') return null;
    return session.expiresAt > settings.now() ? (session as Session) : null;
  } catch {
    // Signed by us but unreadable can only mean an older cookie format: treat as signed out.
    return null;
  }
}

/** End the session (the browser drops the cookie). */
export function endSession(context: Context): void {
  deleteCookie(context, SESSION_COOKIE, { path: '/' });
}

/** Constant-time comparison of a submitted CSRF token with the expected one. */
export function tokensMatch(submitted: string | undefined | null, expected: string): boolean {
  return !!submitted && constantTimeEqual(submitted, expected);
}
