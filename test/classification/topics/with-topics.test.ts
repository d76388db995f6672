import { describe, expect, it } from 'vitest';
import type { Classifier } from '../../../classification/classifier.js';
import { createTopicClassifier, defaultTopicModel, type TopicClassifier } from '../../../classification/topics/topic-classifier.js';
import { withTopics } from '../../../classification/topics/with-topics.js';

const noEntities: Classifier = { name: 'fake', classify: async () => ({ entities: [], ms: 1 }) };

describe('withTopics', () => {
  it('adds the marked topics to the inner classifier output', async () => {
    const output = await withTopics(noEntities, createTopicClassifier()).classify("I've been diagnosed with depression and need time off");
    expect(output.entities).toEqual([]);
    expect(output.topics?.map((score) => score.topic)).toEqual(['health', 'hr']);
    expect(output.failure).toBeUndefined();
  });

  it('fails closed, keeping the entities, when the topic classifier throws', async () => {
    const broken: TopicClassifier = {
      model: defaultTopicModel(),
      classifyTopics: () => {
        throw new RangeError('boom');
      },
    };
    const output = await withTopics(noEntities, broken).classify('anything');
    expect(output.failure?.reason).toBe('topic classifier threw: RangeError: boom');
    expect(output.entities).toEqual([]);
  });
});
