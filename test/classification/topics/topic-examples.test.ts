import { describe, expect, it } from 'vitest';
import { parseTopicExamples } from '../../../classification/topics/topic-examples.js';

describe('topic examples', () => {
  it('parses good lines, skips blank ones and reports each bad line with its number', () => {
    const jsonl = [
      '{"text": "Review the contract", "topic": "legal"}',
      '',
      'not json',
      '{"text": "", "topic": "legal"}',
      '{"text": "Budget for Q3", "topic": 7}',
      '["an", "array"]',
      '{"text": "Rotate the keys", "topic": " security "}',
    ].join('\n');
    const { examples, errors } = parseTopicExamples(jsonl);
    expect(examples).toEqual([
      { text: 'Review the contract', topic: 'legal' },
      { text: 'Rotate the keys', topic: 'security' },
    ]);
    expect(errors.map((error) => error.line)).toEqual([3, 4, 5, 6]);
    expect(errors[0]!.message).toMatch(/not valid JSON/);
    expect(errors[1]!.message).toMatch(/"text" must be a non-empty string/);
    expect(errors[2]!.message).toMatch(/"topic" must be a non-empty string/);
    expect(errors[3]!.message).toMatch(/expected an object/);
  });

  it('accepts Windows line endings', () => {
    const { examples, errors } = parseTopicExamples('{"text":"a","topic":"x"}\r\n{"text":"b","topic":"y"}\r\n');
    expect(errors).toEqual([]);
    expect(examples).toHaveLength(2);
  });
});
