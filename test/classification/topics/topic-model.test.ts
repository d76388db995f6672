import { describe, expect, it } from 'vitest';
import { loadDefaultTopicExamples } from '../../../classification/topics/topic-examples.js';
import { topicFeatures } from '../../../classification/topics/topic-features.js';
import { topicModelFromJSON, trainTopicModel } from '../../../classification/topics/topic-model.js';

const model = trainTopicModel(loadDefaultTopicExamples());

// Written for this test, not in default-topics.jsonl: the model has never seen them.
const HELD_OUT: Array<[string, string]> = [
  ['health', 'My cardiologist wants me to wear a heart monitor for 48 hours because of fainting spells.'],
  ['health', 'I was told my cancer has spread to the lymph nodes; what does stage 3 mean?'],
  ['health', 'My therapist suggested antidepressants for my anxiety and insomnia.'],
  ['legal', 'Draft a clause limiting our liability for indirect damages in the supplier agreement.'],
  ['legal', 'The other party breached the contract; can we claim damages in court?'],
  ['legal', 'We were served with a lawsuit over a copyright claim on our logo.'],
  ['finance', 'Prepare a cash flow projection for the next six months including loan repayments.'],
  ['finance', 'Summarize the quarterly revenue and explain the drop in net profit.'],
  ['finance', 'How much tax will I owe on the interest from my savings account?'],
  ['hr', 'An employee has complained about harassment by a colleague; what should the manager do?'],
  ['hr', 'How many days of annual leave do part-time staff get?'],
  ['hr', 'We plan to make three roles redundant; what consultation is required?'],
  ['security', 'Our server was hit by ransomware overnight and files are encrypted.'],
  ['security', 'An attacker stole admin credentials through a phishing page.'],
  ['security', 'Someone leaked our API keys; how do we rotate them quickly?'],
  ['general', 'Write a Python function that sorts a list of dictionaries by a key.'],
  ['general', 'Suggest a weekend itinerary for Rome with kids.'],
  ['general', 'What is the difference between HTTP and HTTPS?'],
];

describe('topic model', () => {
  it.each(HELD_OUT)('predicts %s for a held-out sentence: %s', (topic, text) => {
    expect(model.predict(text)[0]!.topic).toBe(topic);
  });

  it('returns every topic, highest score first, with scores summing to 1', () => {
    const scores = model.predict('Please review the indemnity clause in this supplier contract.');
    expect(scores.map((score) => score.topic).sort()).toEqual(['finance', 'general', 'health', 'hr', 'legal', 'security']);
    expect(scores.map((score) => score.score)).toEqual([...scores.map((score) => score.score)].sort((left, right) => right - left));
    expect(scores.reduce((sum, score) => sum + score.score, 0)).toBeCloseTo(1, 10);
    expect(scores[0]!.reason).toMatch(/clause|contract|indemnity/);
  });

  it('gives the prior, evenly split here, for a text with no known word', () => {
    const scores = model.predict('zxqv blorf');
    expect(scores[0]!.reason).toMatch(/prior only/);
    expect(scores.every((score) => score.score > 0 && score.score < 0.35)).toBe(true);
  });

  it('predicts the same after a JSON round trip', () => {
    const restored = topicModelFromJSON(JSON.parse(JSON.stringify(model.toJSON())));
    for (const [, text] of HELD_OUT) expect(restored.predict(text)).toEqual(model.predict(text));
  });

  it('rejects a malformed model JSON naming the bad field', () => {
    const data = model.toJSON();
    expect(() => topicModelFromJSON({ ...data, hashBits: 40 })).toThrow(/hashBits/);
    expect(() => topicModelFromJSON({ ...data, topics: data.topics.slice(0, 1) })).toThrow(/topics/);
    expect(() => topicModelFromJSON({ ...data, topics: [data.topics[0], data.topics[0]] })).toThrow(/listed twice/);
    expect(() => topicModelFromJSON('nonsense')).toThrow(/invalid topic model/);
  });

  it('uses words and adjacent content-word pairs, not function words', () => {
    expect(topicFeatures('I need some time off for my employees')).toEqual(['time', 'time off', 'off', 'employee']);
  });
});
