/** Escalation planning: which rungs come next, and which fallbacks are safe for sensitive data. */
import { describe, expect, it } from 'vitest';
import { confidenceThreshold, escalationRungs, planCloudFailure, planLocalUnavailable } from '../../routing/escalation.js';
import { loadPolicyFile } from '../../routing/policy-loader.js';
import { escalationPolicy } from '../harness/test-policy.js';

const policy = escalationPolicy({ localUrl: 'http://127.0.0.1:1', cloudUrl: 'http://127.0.0.1:2/v1', suffix: 'e' });

describe('escalation rungs', () => {
  it('climbs the ladder above the first model and ends with human review', () => {
    expect(escalationRungs(policy, 'local-small', false)).toEqual({ models: ['local-large', 'cloud-frontier'], skipped: [], human: true });
  });

  it('drops cloud rungs for a sensitive request and says so', () => {
    expect(escalationRungs(policy, 'local-small', true)).toEqual({ models: ['local-large'], skipped: ['cloud-frontier'], human: true });
  });

  it('climbs only to stronger tiers from a model that is not on the ladder', async () => {
    const shipped = await loadPolicyFile('policies/default.yaml');
    expect(escalationRungs(shipped, 'cloud-fast', false)).toEqual({ models: ['local-large', 'cloud-frontier'], skipped: [], human: true });
  });

  it('takes the task type threshold, else the default', () => {
    expect(confidenceThreshold(policy, 'code')).toBe(0.7);
  });
});

describe('fallback plans', () => {
  it('sends a non-sensitive request to the cloud fallback when the local pool is unavailable', () => {
    const cloudFirst = { ...policy, fallback: { ...policy.fallback, localUnavailable: 'cloud' as const } };
    expect(planLocalUnavailable(cloudFirst, false)).toMatchObject({ action: 'switch', model: 'cloud-frontier' });
  });

  it('makes a sensitive request wait instead of going to cloud', () => {
    const cloudFirst = { ...policy, fallback: { ...policy.fallback, localUnavailable: 'cloud' as const } };
    expect(planLocalUnavailable(cloudFirst, true)).toMatchObject({ action: 'wait' });
    expect(planLocalUnavailable(cloudFirst, true).reason).toContain('sensitive data never goes to cloud');
  });

  it('degrades a sensitive request to a smaller local model when the policy names one', () => {
    const degrade = { ...policy, fallback: { ...policy.fallback, localUnavailable: 'cloud' as const, degradeModel: 'local-small' } };
    expect(planLocalUnavailable(degrade, true)).toMatchObject({ action: 'switch', model: 'local-small' });
  });

  it('falls back from a failed cloud call to the local model the policy names', () => {
    expect(planCloudFailure(policy)).toBe('local-large');
  });
});
