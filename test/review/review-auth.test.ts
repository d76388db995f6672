/** The review app refuses everyone who has not signed in, and signs reviewers in and out safely. */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword, hashToken } from '../../review/password-hash.js';
import { createReviewApp } from '../../review/review-app.js';
import { createReviewerDirectory, loadReviewerDirectory } from '../../review/reviewers-config.js';
import { SIGN_IN_FAILED } from '../../review/routes/auth-routes.js';
import { SESSION_COOKIE } from '../../review/session.js';
import { HttpSession } from './http-session.js';
import { ACCOUNTS, serveReviewApp, startReviewHarness, testAccess, type ReviewHarness } from './review-harness.js';

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

describe('issue #9 defects', () => {
  it('a cookie saved before sign-out no longer works after it', async () => {
    const visitor = new HttpSession(harness.url);
    await visitor.signIn('alice', ACCOUNTS.alice.password);
    const saved = visitor.cookies.get(SESSION_COOKIE)!;
    await visitor.postForm('/logout', { _csrf: await visitor.csrfToken() });
    const replay = new HttpSession(harness.url);
    replay.cookies.set(SESSION_COOKIE, saved);
    expect((await replay.request('/api/session')).status).toBe(401);
  });

  it('a password change in the reviewers file ends the sessions opened with the old one', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'reviewers-')), 'reviewers.json');
    const write = async (password: string) => writeFile(file, JSON.stringify({ reviewers: [{ id: 'alice', name: 'Alice', passwordHash: await hashPassword(password) }] }));
    await write('first password 123');
    const served = await serveReviewApp(createReviewApp({ client: harness.client, reviewers: await loadReviewerDirectory(file), access: testAccess }));
    try {
      const visitor = new HttpSession(served.url);
      expect((await visitor.signIn('alice', 'first password 123')).status).toBe(303);
      expect((await visitor.request('/api/session')).status).toBe(200);
      await write('second password 456');
      expect((await visitor.request('/api/session')).status).toBe(401);
      expect((await new HttpSession(served.url).signIn('alice', 'second password 456')).status).toBe(303);
    } finally {
      await served.close();
    }
  });

  it('locks an account after repeated wrong passwords, even against the right one, and says so', async () => {
    const reviewers = createReviewerDirectory({ reviewers: [{ id: 'alice', name: 'Alice', passwordHash: await hashPassword(ACCOUNTS.alice.password), tokenHashes: [hashToken('syr_x')] }] });
    const served = await serveReviewApp(createReviewApp({ client: harness.client, reviewers, access: testAccess }));
    try {
      for (let attempt = 0; attempt < 5; attempt += 1) expect((await new HttpSession(served.url).signIn('alice', `guess ${attempt}`)).status).toBe(401);
      const locked = await new HttpSession(served.url).signIn('alice', ACCOUNTS.alice.password);
      expect(locked.status).toBe(429);
      expect(locked.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(await locked.text()).toMatch(/Too many failed sign-ins: sign-in is locked for 15 more minutes/);
    } finally {
      await served.close();
    }
  });

  it.each([
    ['a tab', '/\t/evil.example/phish'],
    ['a newline', '/tasks\r\nSet-Cookie: injected=1'],
    ['a backslash', '/\\evil.example'],
    ['a space', '/ /evil.example'],
  ])('refuses a next path with %s and sends the reviewer to /tasks (no 500)', async (_label, next) => {
    const response = await new HttpSession(harness.url).signIn('bob', ACCOUNTS.bob.password, next);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/tasks');
  });

  it('refuses an oversized body on any route before parsing it, signed in or not', async () => {
    const big = 'x'.repeat(1024 * 1024);
    const login = await new HttpSession(harness.url).request('/login', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `reviewer=alice&password=${big}` });
    expect(login.status).toBe(413);
    const api = await new HttpSession(harness.url).request('/api/tasks/x/decision', { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${ACCOUNTS.alice.token}` }, body: JSON.stringify({ action: 'approve', comment: big }) });
    expect(api.status).toBe(413);
  });
});
