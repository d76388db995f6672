import { describe, expect, it } from 'vitest';
import { createTopicClassifier, defaultTopicModel } from '../../../classification/topics/topic-classifier.js';

const classifier = createTopicClassifier();
const topicsOf = (text: string): string[] => classifier.classifyTopics(text).map((score) => score.topic);

describe('topic classifier', () => {
  it('marks health and hr for a diagnosis with a leave request, with no identifier in the text', () => {
    expect(topicsOf("I've been diagnosed with depression and need time off")).toEqual(['health', 'hr']);
  });

  it.each([
    ['legal', 'Please review the indemnity clause in this supplier contract.'],
    ['finance', 'What was our EBITDA last quarter compared with the forecast?'],
    ['security', 'Someone logged into the admin console with stolen credentials.'],
    ['hr', 'My manager keeps shouting at me and I want to file a complaint.'],
  ])('marks %s for: %s', (topic, text) => {
    expect(topicsOf(text)).toContain(topic);
  });

  it.each([
    'Write a Python function that sorts a list of dictionaries by a key.',
    'Suggest a weekend itinerary for Rome with kids.',
    'Give me a recipe for banana bread without eggs.',
  ])('marks nothing for a general request: %s', (text) => {
    expect(topicsOf(text)).toEqual([]);
  });

  it('finds a confidential sentence inside a long general text', () => {
    const text = [
      'Write a Python function that sorts a list. '.repeat(20),
      'Also, my doctor diagnosed me with diabetes and I need insulin injections every day. ',
      'Explain how a hash map works internally. '.repeat(20),
    ].join('');
    const [health] = classifier.classifyTopics(text);
    expect(health?.topic).toBe('health');
    expect(health?.reason).toMatch(/^sentence at \d+-\d+/);
  });

  it('never marks a neutral topic, and neutral topics are configurable', () => {
    const model = defaultTopicModel();
    const everythingConfidential = createTopicClassifier(model, { neutralTopics: [] });
    expect(topicsOf('Suggest a weekend itinerary for Rome with kids.')).toEqual([]);
    expect(everythingConfidential.classifyTopics('Suggest a weekend itinerary for Rome with kids.').map((score) => score.topic)).toEqual(['general']);
  });

  it('refuses a threshold at or below the no-information score', () => {
    expect(() => createTopicClassifier(defaultTopicModel(), { minScore: 0.1 })).toThrow(/minScore must be above 1\/6/);
    expect(() => createTopicClassifier(defaultTopicModel(), { sentenceMinScore: 0 })).toThrow(/sentenceMinScore/);
  });

  it('scores 2 KB and 200 KB texts (times printed, not asserted)', () => {
    const base = "I've been diagnosed with depression and need time off. Write a Python function that sorts a list. ";
    for (const size of [2_000, 200_000]) {
      const text = base.repeat(Math.ceil(size / base.length)).slice(0, size);
      const startedAt = performance.now();
      const topics = classifier.classifyTopics(text);
      console.log(`topic classifier: ${size / 1000} KB in ${Math.round(performance.now() - startedAt)} ms → ${topics.map((score) => score.topic).join(', ')}`);
      expect(topics.map((score) => score.topic)).toContain('health');
    }
  });
});
