/**
 * Acceptance: a reviewer in headless Chromium (Debian's, driven by playwright-core) signs in, opens
 * the pending task, edits the answer, submits, and sees the workflow complete; an unauthenticated
 * API request is refused; a multi-turn conversation shows every turn, in order, as text. Screenshots go to test-results/review-*.png.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../review/password-hash.js';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { generateSigningKeyPair } from '../../review/decision-keys.js';
import { createDecisionSigner } from '../../review/decision-signature.js';
import { reviewAccessFromPolicy } from '../../review/review-access.js';
import { createReviewApp } from '../../review/review-app.js';
import { createReviewerDirectory } from '../../review/reviewers-config.js';
import { ReviewRefusals, reviewDetailsQuery, submitReviewUpdate } from '../../workflows/review-definitions.js';
import { scriptConfidence } from '../harness/scripted-confidence.js';
import { startSwitchyardCluster, type SwitchyardCluster } from '../harness/switchyard-cluster.js';
import { ESCALATION_MODELS, escalationPolicy } from '../harness/test-policy.js';
import { ACCOUNTS, serveReviewApp, waitUntilPending } from './review-harness.js';
import { recordedDecisions } from './update-history.js';

/** The real routed task, escalated to review: both local models unsure, cloud not allowed (SSN). */
const PROMPT = 'My SSN is 536-22-1234; can you tell me why my tax refund is late?';
const BEST_ANSWER = 'answer from large-model';

const CHROMIUM = '/usr/bin/chromium';
const EDITED_ANSWER = 'Not today: refunds above 500 EUR need the finance lead to approve them first.';

/** The review app's signing key; the control worker's policy holds its public half. */
const SIGNING = generateSigningKeyPair();

let cluster: SwitchyardCluster;
let harness: { url: string; close(): Promise<void> };
let browser: BrowserContext;
let profile: string;
beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run \`node scripts/ensure-chromium.mjs\` (npm test's bootstrap does).`);
  cluster = await startSwitchyardCluster({
    models: ESCALATION_MODELS,
    policy: (targets) => {
      const policy = escalationPolicy(targets);
      return { ...policy, review: { ...policy.review, decisionKeys: [SIGNING.publicKey] } };
    },
  });
  const reviewers = createReviewerDirectory({
    reviewers: [{ id: 'alice', name: ACCOUNTS.alice.name, passwordHash: await hashPassword(ACCOUNTS.alice.password), tokenHashes: [] }],
  });
  harness = await serveReviewApp(
    createReviewApp({ client: cluster.client, reviewers, access: reviewAccessFromPolicy(cluster.policy.review), signer: createDecisionSigner(SIGNING.secretKey), queryTimeoutMs: 5_000, updateTimeoutMs: 15_000 }),
  );
  // A fresh profile per run, so no cookie or cache from an earlier run can make the test pass.
  profile = await mkdtemp(join(tmpdir(), 'switchyard-review-chromium-'));
  browser = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  await mkdir('test-results', { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await harness?.close();
  await cluster?.close();
  if (profile) await rm(profile, { recursive: true, force: true });
});

describe('review app in a browser', () => {
  it('signs in, edits the pending answer, submits, and the workflow completes with the edit', async () => {
    scriptConfidence(cluster.localModels, { 'small-model': 0.2, 'large-model': 0.4 });
    const handle = await cluster.start({ prompt: PROMPT, metadata: { department: 'support' } });
    await expect.poll(async () => (await handle.query(reviewDetailsQuery)).reviewState, { timeout: 20_000 }).toBe('pending');
    // The queue page lists from visibility, which trails the workflow by a moment.
    await waitUntilPending(cluster.client, handle.workflowId);
    const page = await browser.newPage();
    // Inline script and style run under a strict CSP: any violation or script error fails the test.
    const problems: string[] = [];
    page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
    page.on('pageerror', (error) => problems.push(error.message));

    const unauthenticated = await page.request.get(`${harness.url}/api/tasks?state=pending`);
    expect(unauthenticated.status()).toBe(401);

    await page.goto(`${harness.url}/tasks`);
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.getByLabel('Reviewer id').fill('alice');
    await page.getByLabel('Password').fill(ACCOUNTS.alice.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${harness.url}/tasks`);
    await expect.poll(() => page.getByText('Signed in as Alice Reviewer (alice)').count()).toBe(1);
    await page.screenshot({ path: 'test-results/review-queue.png', fullPage: true });

    await page.getByRole('link', { name: handle.workflowId }).click();
    await page.waitForURL(`${harness.url}/tasks/${handle.workflowId}`);
    const answer = page.locator('#edited-answer');
    expect(await answer.inputValue()).toBe(BEST_ANSWER);
    await page.screenshot({ path: 'test-results/review-task.png', fullPage: true });

    await answer.fill(EDITED_ANSWER);
    await page.locator('#edit-comment').fill('Policy says finance lead first.');
    await page.getByRole('button', { name: 'Submit edited answer' }).click();
    await page.waitForURL(`${harness.url}/tasks/${handle.workflowId}`);
    expect(await page.locator('#decision').innerText()).toMatch(/^Decision: edited by Alice Reviewer \(alice\) at .* UTC · workflow \w+\s+Comment: Policy says finance lead first\.$/);

    expect(await handle.result()).toMatchObject({ status: 'edited', answer: EDITED_ANSWER, review: { action: 'edit', reviewer: 'alice' } });
    expect((await recordedDecisions(handle))[0]?.decision).toMatchObject({ action: 'edit', reviewer: 'alice', editedAnswer: EDITED_ANSWER, comment: 'Policy says finance lead first.', signature: { value: expect.any(String) } });
    await page.reload();
    expect(await page.locator('#workflow-status').innerText()).toBe('completed');
    expect(await page.locator('form[aria-label="Edit"]').count()).toBe(0);
    await page.screenshot({ path: 'test-results/review-decided.png', fullPage: true });

    expect(problems).toEqual([]);
  });

  it('shows every turn of a multi-turn conversation that climbed to review, in order, with roles, as text', async () => {
    cluster.localModels.reset();
    scriptConfidence(cluster.localModels, { 'small-model': 0.2, 'large-model': 0.4 });
    // The SSN in turn 1 keeps the whole conversation local; the assistant turn carries markup that must stay text.
    const messages = [
      { role: 'user' as const, content: 'My SSN is 536-22-1234 and my tax refund is late.' },
      { role: 'assistant' as const, content: `I can look into that. <img src=x onerror="document.title='pwned'"> Which tax year?` },
      { role: 'user' as const, content: 'The 2025 one, filed in March.' },
    ];
    const prompt = 'So when will it arrive?';
    const handle = await cluster.start({ prompt, messages, metadata: { department: 'support' } });
    await expect.poll(async () => (await handle.query(reviewDetailsQuery)).reviewState, { timeout: 20_000 }).toBe('pending');
    // Both local models received the real turns, not a flattened transcript.
    expect(cluster.localModels.chats().map((chat) => chat.messages?.map((message) => message.role))).toEqual([
      ['user', 'assistant', 'user', 'user'],
      ['user', 'assistant', 'user', 'user'],
    ]);

    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
    page.on('pageerror', (error) => problems.push(error.message));
    const taskUrl = `${harness.url}/tasks/${handle.workflowId}`;
    await page.goto(taskUrl);
    // The browser profile may hold alice's session from the test before; sign in when it does not.
    if (new URL(page.url()).pathname === '/login') {
      await page.getByLabel('Reviewer id').fill('alice');
      await page.getByLabel('Password').fill(ACCOUNTS.alice.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL(taskUrl);
    }
    const turns = await page
      .locator('#request .turn')
      .evaluateAll((elements) => elements.map((element) => ({ role: element.getAttribute('data-role'), label: element.querySelector('p')?.textContent, text: element.querySelector('pre')?.textContent })));
    expect(turns).toEqual([
      { role: 'user', label: '1. User', text: messages[0]!.content },
      { role: 'assistant', label: '2. Assistant', text: messages[1]!.content },
      { role: 'user', label: '3. User', text: messages[2]!.content },
      { role: 'user', label: '4. User · the message being answered', text: prompt },
    ]);
    expect(await page.locator('#request img').count()).toBe(0);
    expect(await page.title()).not.toContain('pwned');
    await page.screenshot({ path: 'test-results/review-conversation.png', fullPage: true });
    expect(problems).toEqual([]);
    await handle.terminate('review test finished');
  });

  it('refuses a decision sent around the app: unsigned, signed with another key, or altered after signing', async () => {
    scriptConfidence(cluster.localModels, { 'small-model': 0.2, 'large-model': 0.4 });
    const handle = await cluster.start({ prompt: PROMPT, metadata: { department: 'support' } });
    await expect.poll(async () => (await handle.query(reviewDetailsQuery)).reviewState, { timeout: 20_000 }).toBe('pending');
    const refusal = async (decision: object) => {
      const error = await handle.executeUpdate(submitReviewUpdate, { args: [decision as never] }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
      const cause = (error as WorkflowUpdateFailedError).cause;
      expect(cause).toBeInstanceOf(ApplicationFailure);
      return cause as ApplicationFailure;
    };
    // The attack from the issue: `temporal workflow update execute --name submitReview --input '{"reviewer":"alice",...}'`.
    expect(await refusal({ action: 'approve', reviewer: 'alice' })).toMatchObject({ type: ReviewRefusals.unsignedDecision, message: expect.stringMatching(/not signed/) });
    const forged = createDecisionSigner(generateSigningKeyPair().secretKey)(handle.workflowId, { action: 'approve', reviewer: 'alice' });
    expect((await refusal(forged)).type).toBe(ReviewRefusals.unsignedDecision);
    const signed = createDecisionSigner(SIGNING.secretKey)(handle.workflowId, { action: 'approve', reviewer: 'bob' });
    expect((await refusal({ ...signed, reviewer: 'alice' })).type).toBe(ReviewRefusals.unsignedDecision);
    expect(await recordedDecisions(handle)).toHaveLength(0);
    // The same decision, signed by the app's key, is accepted.
    expect(await handle.executeUpdate(submitReviewUpdate, { args: [signed] })).toMatchObject({ state: 'approved', reviewer: 'bob' });
  });
});
