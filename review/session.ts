/**
 * Sessions: the cookie holds only a random session id, signed with HMAC-SHA256 (hono's signed
 * cookies); the session itself lives in this process. So a session ends for good at sign-out (a
 * saved cookie is worthless), when the reviewer's password changes (the session remembers which
 * password hash it was opened with), and when the app restarts; knowing the secret forges nothing.
 */
import { randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import { deleteCookie, getSignedCookie, setSignedCookie } from 'hono/cookie';
import { constantTimeEqual, hashToken } from './password-hash.js';

/** The session cookie's name. */
export const SESSION_COOKIE = 'switchyard_review_session';

/** A signed-in reviewer's session. */
export interface Session {
  id: string;
  reviewerId: string;
  /** Fingerprint of the password hash the reviewer signed in with: a changed password ends the session. */
  credential: string;
  /** Sent back by every form post (hidden field) and cookie-authenticated API post (header). */
  csrfToken: string;
  expiresAt: number;
}

/** How sessions are signed and how long they last. */
export interface SessionSettings {
  secret: string;
  ttlMs: number;
  now: () => number;
  /** Live sessions by id (this process's memory). */
  store: Map<string, Session>;
}

/** A fingerprint of a credential (the stored password hash), never the hash itself. */
export function credentialFingerprint(passwordHash: string | undefined): string {
  return hashToken(passwordHash ?? '');
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
export async function startSession(context: Context, reviewerId: string, passwordHash: string | undefined, settings: SessionSettings): Promise<Session> {
  const now = settings.now();
  for (const [id, stale] of settings.store) if (stale.expiresAt <= now) settings.store.delete(id);
  const session = { id: randomToken(), reviewerId, credential: credentialFingerprint(passwordHash), csrfToken: randomToken(), expiresAt: now + settings.ttlMs };
  settings.store.set(session.id, session);
  await setSignedCookie(context, SESSION_COOKIE, session.id, settings.secret, cookieOptions(context, Math.floor(settings.ttlMs / 1000)));
  return session;
}

/** The request's valid, unexpired session, or null (a forged or tampered cookie reads as none). */
export async function readSession(context: Context, settings: SessionSettings): Promise<Session | null> {
  const id = await getSignedCookie(context, settings.secret, SESSION_COOKIE);
  if (!id) return null;
  const session = settings.store.get(id);
  if (!session) return null;
  if (session.expiresAt <= settings.now()) {
    settings.store.delete(id);
    return null;
  }
  return session;
}

/** End the session for good (revoked here, and the browser drops the cookie). */
export async function endSession(context: Context, settings: SessionSettings): Promise<void> {
  const id = await getSignedCookie(context, settings.secret, SESSION_COOKIE);
  if (id) settings.store.delete(id);
  deleteCookie(context, SESSION_COOKIE, { path: '/' });
}

/** Constant-time comparison of a submitted CSRF token with the expected one. */
export function tokensMatch(submitted: string | undefined | null, expected: string): boolean {
  return !!submitted && constantTimeEqual(submitted, expected);
}
