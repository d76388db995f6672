/**
 * Classification fails closed: when the control worker's classifier breaks, the request is treated
 * as the policy's fail-closed class and stays local, and the run records why.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Classifier } from '../../classification/classifier.js';
import { searchAttributes } from '../../temporal/search-attributes.js';
import { startSwitchyardCluster, type SwitchyardCluster } from '../harness/switchyard-cluster.js';

/** A classifier whose every call throws, as a crashed detector library would. */
const brokenClassifier: Classifier = {
  name: 'broken',
  classify: async () => {
    throw new Error('detector library crashed');
  },
};

let cluster: SwitchyardCluster;
beforeAll(async () => {
  cluster = await startSwitchyardCluster({ controlClassifier: brokenClassifier });
});
afterAll(async () => {
  await cluster?.close();
});

describe('classifier failure', () => {
  it('routes a harmless prompt to a local queue as restricted when the classifier throws', async () => {
    const { handle, result } = await cluster.run({ prompt: 'What is the capital of France?' });

    expect(result.dataClass).toBe('restricted');
    expect(result.sensitive).toBe(true);
    expect(result.decision.backendKind).toBe('local');
    expect(result.classificationReasons.join(' ')).toContain('detector library crashed');
    expect(cluster.cloudModels.chats()).toHaveLength(0);
    expect((await handle.describe()).typedSearchAttributes.get(searchAttributes.sensitive)).toBe(true);
  });
});
