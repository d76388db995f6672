/** Confidence from logprobs, and the parsing of a model's JSON judgement of an answer. */
import { describe, expect, it } from 'vitest';
import {
  confidenceFromLogprobs,
  parseSelfAssessment,
  selfAssessmentJsonSchema,
  selfAssessmentMessages,
  verifierMessages,
} from '../../backends/confidence.js';

describe('confidenceFromLogprobs', () => {
  it('is the geometric mean of the token probabilities, exp(mean logprob)', () => {
    expect(confidenceFromLogprobs([Math.log(0.5), Math.log(0.5)])).toBeCloseTo(0.5, 12);
    // Geometric, not arithmetic: one unlikely token pulls the whole answer down.
    expect(confidenceFromLogprobs([Math.log(1), Math.log(0.01)])).toBeCloseTo(0.1, 12);
    expect(confidenceFromLogprobs([-0.1, -2.3])).toBeCloseTo(Math.exp(-1.2), 12);
  });

  it('is 1 for certain tokens and 0 when a token had probability 0', () => {
    expect(confidenceFromLogprobs([0, 0, 0])).toBe(1);
    expect(confidenceFromLogprobs([-0.2, Number.NEGATIVE_INFINITY])).toBe(0);
  });

  it('clamps to [0, 1] when a server rounds a logprob to slightly above 0', () => {
    expect(confidenceFromLogprobs([1e-7, 2e-7])).toBe(1);
  });

  it('gives undefined, not a guess, for no logprobs or a NaN among them', () => {
    expect(confidenceFromLogprobs([])).toBeUndefined();
    expect(confidenceFromLogprobs([-0.1, Number.NaN])).toBeUndefined();
    expect(confidenceFromLogprobs([Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])).toBeUndefined();
  });
});

describe('parseSelfAssessment', () => {
  const expected = { confidence: 0.8, rationale: 'matches the source' };

  it('reads plain JSON', () => {
    expect(parseSelfAssessment('{"confidence": 0.8, "rationale": "matches the source"}')).toEqual(expected);
  });

  it('tolerates code fences, with or without a language, and surrounding whitespace', () => {
    expect(parseSelfAssessment('```json\n{"confidence": 0.8, "rationale": "matches the source"}\n```')).toEqual(expected);
    expect(parseSelfAssessment('  ```\n{"confidence": 0.8, "rationale": "matches the source"}```  ')).toEqual(expected);
  });

  it('tolerates prose around the JSON object and ignores extra keys', () => {
    expect(parseSelfAssessment('Here is my rating: {"confidence": 0.8, "rationale": "matches the source", "notes": "x"} Hope it helps.')).toEqual(expected);
  });

  it('accepts the bounds 0 and 1', () => {
    expect(parseSelfAssessment('{"confidence": 0, "rationale": "wrong"}')).toEqual({ confidence: 0, rationale: 'wrong' });
    expect(parseSelfAssessment('{"confidence": 1, "rationale": "certain"}')).toEqual({ confidence: 1, rationale: 'certain' });
  });

  it.each([
    ['above 1 (a percentage is not rescaled)', '{"confidence": 85, "rationale": "r"}'],
    ['below 0', '{"confidence": -0.1, "rationale": "r"}'],
    ['missing', '{"rationale": "r"}'],
    ['a string', '{"confidence": "0.9", "rationale": "r"}'],
    ['null', '{"confidence": null, "rationale": "r"}'],
  ])('rejects a confidence that is %s', (_case, text) => {
    const result = parseSelfAssessment(text);
    expect(result).toHaveProperty('error');
    expect((result as { error: string }).error).toMatch(/^confidence: /);
    // One line: it becomes part of an ApplicationFailure message.
    expect((result as { error: string }).error).not.toContain('\n');
  });

  it('rejects a missing rationale', () => {
    expect(parseSelfAssessment('{"confidence": 0.5}')).toHaveProperty('error');
  });

  it('rejects text with no JSON object, never defaulting to a confidence', () => {
    expect(parseSelfAssessment('I am very confident.')).toEqual({ error: 'no JSON object in the answer' });
    expect(parseSelfAssessment('')).toEqual({ error: 'no JSON object in the answer' });
    expect(parseSelfAssessment('{"confidence": 0.9, "rationale": ')).toEqual({ error: 'no JSON object in the answer' });
  });
});

describe('judgement prompts and schema', () => {
  it('generates a strict-mode JSON Schema: both fields required, no extra properties, confidence in 0..1', () => {
    const schema = selfAssessmentJsonSchema();
    expect(schema).toMatchObject({
      type: 'object',
      required: ['confidence', 'rationale'],
      additionalProperties: false,
      properties: { confidence: { type: 'number', minimum: 0, maximum: 1 }, rationale: { type: 'string' } },
    });
    expect(schema).not.toHaveProperty('$schema');
  });

  it('lets the answering model see its answer as its own turn when it rates itself', () => {
    const messages = selfAssessmentMessages('What is 2+2?', '4');
    expect(messages.slice(0, 2)).toEqual([
      { role: 'user', content: 'What is 2+2?' },
      { role: 'assistant', content: '4' },
    ]);
    expect(messages[2]).toMatchObject({ role: 'user' });
    expect(messages[2]?.content).toMatch(/correct and complete/);
  });

  it('gives a verifier the question and answer as delimited content to judge', () => {
    const [system, user] = verifierMessages('What is 2+2?', '4');
    expect(system).toMatchObject({ role: 'system' });
    expect(system?.content).toMatch(/correct and complete/);
    expect(user).toEqual({ role: 'user', content: '<question>\nWhat is 2+2?\n</question>\n\n<answer>\n4\n</answer>' });
  });
});
