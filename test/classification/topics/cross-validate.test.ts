import { describe, expect, it } from 'vitest';
import { crossValidate } from '../../../classification/topics/cross-validate.js';
import { loadDefaultTopicExamples } from '../../../classification/topics/topic-examples.js';

const examples = loadDefaultTopicExamples();

describe('cross-validation', () => {
  it('ships at least 40 examples for each of the six topics', () => {
    const counts = new Map<string, number>();
    for (const { topic } of examples) counts.set(topic, (counts.get(topic) ?? 0) + 1);
    expect([...counts.keys()].sort()).toEqual(['finance', 'general', 'health', 'hr', 'legal', 'security']);
    for (const count of counts.values()) expect(count).toBeGreaterThanOrEqual(40);
  });

  it('reaches at least 80 % 5-fold accuracy on the shipped examples', () => {
    const result = crossValidate(examples, 5);
    const perTopic = Object.entries(result.perTopic)
      .map(([topic, quality]) => `${topic} P=${quality.precision.toFixed(2)} R=${quality.recall.toFixed(2)}`)
      .join(', ');
    console.log(`topic model 5-fold accuracy ${result.accuracy.toFixed(3)} over ${result.examples} examples: ${perTopic}`);
    expect(result.examples).toBe(examples.length);
    expect(result.accuracy).toBeGreaterThanOrEqual(0.8);
    for (const quality of Object.values(result.perTopic)) expect(quality.recall).toBeGreaterThan(0.6);
  });

  it('gives the same numbers every run (seeded folds)', () => {
    const sample = examples.filter((_, index) => index % 3 === 0);
    expect(crossValidate(sample, 4)).toEqual(crossValidate(sample, 4));
  });

  it('rejects fewer than 2 folds or more folds than examples', () => {
    expect(() => crossValidate(examples, 1)).toThrow(/folds/);
    expect(() => crossValidate(examples.slice(0, 3), 5)).toThrow(/cannot fill 5 folds/);
  });
});
