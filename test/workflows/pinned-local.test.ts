/**
 * A rule that pins requests local (`staysLocal: true`) keeps them local when the local pool is down
 * and the policy's capacity fallback is "cloud": they wait for a local worker instead. A request of
 * the same class from a department without the pin does fall back to cloud (so the test can fail).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePolicy } from '../../routing/policy-loader.js';
import { startSwitchyardCluster, type SwitchyardCluster } from '../harness/switchyard-cluster.js';
import { sensitiveStaysLocalYaml } from '../harness/test-policy.js';

const pinnedPolicy = (targets: { localUrl: string; cloudUrl: string }) =>
  parsePolicy(
    sensitiveStaysLocalYaml(targets)
      .replace('{ name: legal-stays-local, when: { department: [legal] }, model: local-small }', '{ name: legal-stays-local, when: { department: [legal] }, model: local-small, staysLocal: true }')
      .replace('{ name: sensitive-stays-local, when: { sensitive: true }, model: local-small }', '{ name: sensitive-stays-local, when: { sensitive: true }, model: local-small }\n  - { name: sales-local-first, when: { department: [sales] }, model: local-small }')
      .replace('scheduleToStartMs: 20000', 'scheduleToStartMs: 1500')
      .replace('default: { model: cloud-fast }', 'default: { model: cloud-fast }\nfallback: { localUnavailable: cloud, cloudModel: cloud-fast, waitMs: 120000 }'),
    'pinned.yaml',
  );

let cluster: SwitchyardCluster;
beforeAll(async () => {
  // The local pool is down: no local inference worker runs until the test adds one.
  cluster = await startSwitchyardCluster({ policy: pinnedPolicy, withoutKinds: ['local'] });
}, 120_000);
afterAll(async () => cluster?.close());

describe('rules pinned local', () => {
  it('falls back to cloud for an unpinned public request when the local pool is down (control)', async () => {
    const { result } = await cluster.run({ prompt: 'Summarise the benefits of unit tests.', metadata: { department: 'sales' } });
    expect(result.decision.rule).toBe('sales-local-first');
    expect(result.attempts.at(-1)).toMatchObject({ backendKind: 'cloud' });
    expect(cluster.cloudModels.chats().length).toBeGreaterThan(0);
  }, 120_000);

  it('keeps 4 of 4 legal requests local with the local pool down and localUnavailable: cloud', async () => {
    cluster.cloudModels.reset();
    const handles = await Promise.all([1, 2, 3, 4].map((index) => cluster.start({ prompt: `Summarise clause ${index} of the supplier agreement.`, metadata: { department: 'legal' } })));
    // Longer than the schedule-to-start timeout: an unpinned request would have gone to cloud by now.
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    expect(cluster.cloudModels.chats()).toEqual([]);
    await cluster.addInferenceWorkers('local');
    const results = await Promise.all(handles.map((handle) => handle.result()));
    for (const result of results) {
      expect(result.decision).toMatchObject({ rule: 'legal-stays-local', staysLocal: true, backendKind: 'local' });
      expect(result.attempts.every((attempt) => attempt.backendKind === 'local')).toBe(true);
    }
    expect(cluster.cloudModels.chats()).toEqual([]);
  }, 300_000);
});
