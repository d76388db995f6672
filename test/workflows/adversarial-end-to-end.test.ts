/**
 * The adversarial suite end to end: one case of every transformation family and entity type runs through a routed
 * workflow on a real cluster, and the cloud model double's request log is searched for every raw
 * spelling of every value. A harmless control request proves the cloud path is live, so the check
 * could fail.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAMILIES, generateAdversarialCases, onePerFamilyAndType } from '../adversarial/adversarial-cases.js';
import { startSwitchyardCluster, type SwitchyardCluster } from '../harness/switchyard-cluster.js';

const sample = onePerFamilyAndType(generateAdversarialCases());
let cluster: SwitchyardCluster;
beforeAll(async () => {
  cluster = await startSwitchyardCluster();
}, 120_000);
afterAll(async () => cluster?.close());

/** Everything the cloud double received, as it received it: message texts and whole bodies. */
function receivedByCloud(): string[] {
  return cluster.cloudModels.requests.flatMap((request) => [JSON.stringify(request.body), ...(request.messages ?? []).map((message) => message.content)]);
}

describe('adversarial spellings end to end', () => {
  it('sends a harmless control request to cloud (the check below can fail)', async () => {
    const { result } = await cluster.run({ prompt: 'Write a haiku about autumn leaves falling.' });
    expect(result.decision.backendKind).toBe('cloud');
    expect(receivedByCloud().join('\n')).toContain('autumn leaves');
  });

  it(`keeps every family's sample away from the cloud double (${sample.length} cases, ${FAMILIES.length} families)`, async () => {
    const leaks: string[] = [];
    const routes: string[] = [];
    for (const adversarialCase of sample) {
      const system = adversarialCase.parts.find((part) => part.source === 'system')?.text;
      const prompt = adversarialCase.parts.find((part) => part.source === 'user')!.text;
      const { result } = await cluster.run({ prompt, ...(system === undefined ? {} : { system }) });
      routes.push(`${adversarialCase.family} / ${adversarialCase.type}: ${result.dataClass} → ${result.decision.backendKind}`);
      const received = receivedByCloud();
      for (const spelling of adversarialCase.spellings) {
        if (received.some((text) => text.includes(spelling))) leaks.push(`${adversarialCase.family}: ${JSON.stringify(spelling)} reached the cloud double`);
      }
    }
    console.log(`end to end, one case per family and type (${sample.length}):\n${routes.map((route) => `  ${route}`).join('\n')}`);
    expect(leaks).toEqual([]);
    expect(new Set(sample.map((adversarialCase) => adversarialCase.family)).size).toBe(FAMILIES.length);
  }, 900_000);
});
