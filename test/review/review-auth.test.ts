/** The review app refuses everyone who has not signed in, and signs reviewers in and out safely. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIGN_IN_FAILED } from '../../review/routes/auth-routes.js';
import { SESSION_COOKIE } from '../../review/session.js';
import { HttpSession } from './http-session.js';
import { ACCOUNTS, startReviewHarness, type ReviewHarness } from './review-harness.js';

let harness: ReviewHarness;
beforeAll(async () => {
  harness = await startReviewHarness({ withWorker: false });
});
afterAll(() => harness?.close());

const API_ROUTES = [
  ['GET', '/api/session'],
  ['GET', '/api/tasks?state=pending'],
  ['GET', '/api/tasks/some-workflow'],
  ['POST', '/api/tasks/some-workflow/decision'],
  ['GET', '/api/no-such-route'],
] as const;
const PAGE_ROUTES = [
  ['GET', '/'],
  ['GET', '/tasks'],
  ['GET', '/tasks/some-workflow'],
  ['POST', '/tasks/some-workflow/decision'],
  ['POST', '/logout'],
  ['GET', '/no-such-page'],
] as const;

describe('without sign-in', () => {
  it.each(API_ROUTES)('API %s %s answers 401 with a Bearer challenge', async (method, path) => {
    const response = await new HttpSession(harness.url).request(path, { method, headers: { 'content-type': 'application/json' }, ...(method === 'POST' ? { body: '{"action":"approve"}' } : {}) });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('unauthenticated');
  });

  it.each(PAGE_ROUTES)('page %s %s redirects to /login with the page to return to', async (method, path) => {
    const response = await new HttpSession(harness.url).request(path, { method });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`/login?next=${encodeURIComponent(path)}`);
  });

  it('refuses a wrong bearer token and a forged session cookie', async () => {
    const visitor = new HttpSession(harness.url);
    expect((await visitor.request('/api/tasks', { headers: { authorization: 'Bearer syr_not-a-real-token' } })).status).toBe(401);
    visitor.cookies.set(SESSION_COOKIE, { value: 'eyJyZXZpZXdlcklkIjoiYWxpY2UifQ.forgedsignature%3D', attributes: '' });
    expect((await visitor.request('/api/tasks')).status).toBe(401);
  });
});

describe('sign-in', () => {
  it('gives the same message for a wrong password and an unknown reviewer, and no session', async () => {
    for (const [reviewer, password] of [['alice', 'wrong password'], ['nobody', ACCOUNTS.alice.password]] as const) {
      const visitor = new HttpSession(harness.url);
      const response = await visitor.signIn(reviewer, password);
      expect(response.status).toBe(401);
      expect(await response.text()).toContain(SIGN_IN_FAILED);
      expect(visitor.cookies.has(SESSION_COOKIE)).toBe(false);
    }
  });

  it('refuses a sign-in form that did not come from the app (login CSRF)', async () => {
    const visitor = new HttpSession(harness.url);
    const response = await visitor.postForm('/login', { reviewer: 'alice', password: ACCOUNTS.alice.password, _csrf: 'guessed' });
    expect(response.status).toBe(403);
    expect(visitor.cookies.has(SESSION_COOKIE)).toBe(false);
  });

  it('signs a reviewer in with an HttpOnly, SameSite=Strict cookie and returns to the page asked for', async () => {
    const visitor = new HttpSession(harness.url);
    const response = await visitor.signIn('alice', ACCOUNTS.alice.password, '/tasks?from=mail');
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/tasks?from=mail');
    expect(visitor.cookies.get(SESSION_COOKIE)?.attributes).toMatch(/HttpOnly/);
    expect(visitor.cookies.get(SESSION_COOKIE)?.attributes).toMatch(/SameSite=Strict/);
    const session = (await (await visitor.request('/api/session')).json()) as { reviewer: { id: string } };
    expect(session.reviewer.id).toBe('alice');
  });

  it('never redirects off-site after sign-in', async () => {
    const response = await new HttpSession(harness.url).signIn('alice', ACCOUNTS.alice.password, '//evil.example/phish');
    expect(response.headers.get('location')).toBe('/tasks');
  });

  it('accepts a bearer token and needs no CSRF token with it', async () => {
    const response = await new HttpSession(harness.url).request('/api/session', { headers: { authorization: `Bearer ${ACCOUNTS.bob.token}` } });
    expect(await response.json()).toEqual({ reviewer: { id: 'bob', name: ACCOUNTS.bob.name }, csrfToken: null });
  });

  it('refuses a cookie-authenticated post without the CSRF token', async () => {
    const visitor = new HttpSession(harness.url);
    await visitor.signIn('alice', ACCOUNTS.alice.password);
    expect((await visitor.postJson('/api/tasks/x/decision', { action: 'approve' })).status).toBe(403);
    expect((await visitor.postForm('/tasks/x/decision', { action: 'approve' })).status).toBe(403);
    expect((await visitor.postForm('/logout', {})).status).toBe(403);
  });

  it('signs out: the cookie is dropped and pages redirect to /login again', async () => {
    const visitor = new HttpSession(harness.url);
    await visitor.signIn('alice', ACCOUNTS.alice.password);
    const response = await visitor.postForm('/logout', { _csrf: await visitor.csrfToken() });
    expect(response.headers.get('location')).toBe('/login');
    expect(visitor.cookies.has(SESSION_COOKIE)).toBe(false);
    expect((await visitor.request('/tasks')).status).toBe(303);
  });
});
