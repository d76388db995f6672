/** The router: first matching rule wins, and a sensitive request never gets a cloud backend. */
import { describe, expect, it } from 'vitest';
import { classifyByPolicy } from '../../routing/data-classes.js';
import type { Policy } from '../../routing/policy-schema.js';
import { costOf, route } from '../../routing/route.js';
import { guessTaskType } from '../../routing/task-type.js';
import { sensitiveStaysLocalPolicy } from '../harness/test-policy.js';

const policy = sensitiveStaysLocalPolicy({ localUrl: 'http://127.0.0.1:1', cloudUrl: 'http://127.0.0.1:2/v1', suffix: 'r' });

describe('route', () => {
  it('sends a public request to the cloud default', () => {
    expect(route({ dataClass: 'public', sensitive: false, taskType: 'general' }, policy)).toMatchObject({ rule: 'default', backendKind: 'cloud', taskQueue: 'switchyard-cloud-openai-r' });
  });

  it('lets the first matching rule win', () => {
    expect(route({ dataClass: 'restricted', sensitive: true, taskType: 'general', department: 'legal' }, policy).rule).toBe('legal-stays-local');
  });

  it('overrides a cloud choice for a sensitive request even when the policy object allows it', () => {
    // Hand-built, bypassing the loader's check: the router's own guard must still hold.
    const unsafe: Policy = { ...policy, rules: [] };
    const decision = route({ dataClass: 'restricted', sensitive: true, taskType: 'general' }, unsafe);
    expect(decision.backendKind).toBe('local');
    expect(decision.rule).toBe('default+sensitive-guard');
    expect(decision.reasons.join(' ')).toContain('sensitive data never goes to cloud');
  });

  it('throws a non-retryable NoSafeRouteError when a sensitive request has no local model', () => {
    const noLocal: Policy = { ...policy, rules: [], models: { 'cloud-fast': policy.models['cloud-fast']! } };
    expect(() => route({ dataClass: 'restricted', sensitive: true, taskType: 'general' }, noLocal)).toThrow(/no local model/);
  });

  it('records the policy version in every decision', () => {
    expect(route({ dataClass: 'public', sensitive: false, taskType: 'code' }, policy).policyVersion).toBe(policy.version);
  });
});

describe('data class by policy', () => {
  it('takes the highest class of all entity types found', () => {
    expect(classifyByPolicy(policy, ['EMAIL_ADDRESS', 'CREDIT_CARD'])).toMatchObject({ dataClass: 'restricted', sensitive: true });
  });

  it('uses the default class when nothing was found', () => {
    expect(classifyByPolicy(policy, [])).toMatchObject({ dataClass: 'public', sensitive: false });
  });

  it('fails closed into the highest sensitive class when classification failed', () => {
    const verdict = classifyByPolicy(policy, [], { reason: 'timeout' });
    expect(verdict).toMatchObject({ dataClass: 'restricted', sensitive: true });
    expect(verdict.reasons[0]).toContain('timeout');
  });
});

describe('task type guess and cost', () => {
  it('recognises coding, summarising and translation requests', () => {
    expect(guessTaskType('How do I reverse a linked list in Python?')).toBe('code');
    expect(guessTaskType('Please summarize this memo')).toBe('summarize');
    expect(guessTaskType('Translate this into French')).toBe('translate');
    expect(guessTaskType('What is the capital of France?')).toBe('general');
  });

  it('prices tokens per million from the model entry', () => {
    expect(costOf(policy, 'cloud-fast', { inputTokens: 1_000_000, outputTokens: 500_000 })).toBeCloseTo(2, 10);
    expect(costOf(policy, 'local-small', { inputTokens: 1000, outputTokens: 1000 })).toBe(0);
  });
});
