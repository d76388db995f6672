/** The routed step's input check (pure): what a workflow author gets back for a wrong option. */
import { describe, expect, it } from 'vitest';
import { validateRoutedStepInput } from '../../workflows/routed-step-types.js';

describe('validateRoutedStepInput', () => {
  it('accepts a step with every option set', () => {
    expect(
      validateRoutedStepInput({ name: 'draft', prompt: 'Draft a reply.', system: 'Be brief.', context: ['ticket text'], metadata: { taskType: 'draft-reply', department: 'support', application: 'helpdesk' }, knowledge: { collection: 'handbook', topK: 3 }, confidenceThreshold: 0.6, review: false, maxOutputTokens: 200 }),
    ).toBeUndefined();
  });

  it.each([
    [{ prompt: '' }, 'empty prompt'],
    [{ prompt: 'x', name: ' ' }, 'name: expected a non-empty string'],
    [{ prompt: 'x', context: 'not a list' }, 'context: expected an array of strings'],
    [{ prompt: 'x', context: ['ok', 3] }, 'context: expected an array of strings'],
    [{ prompt: 'x', confidenceThreshold: 1.5 }, 'confidenceThreshold: expected a number from 0 to 1'],
    [{ prompt: 'x', review: 'yes' }, 'review: expected true or false'],
  ])('names the problem in %j', (input, problem) => {
    expect(validateRoutedStepInput(input)).toContain(problem);
  });
});
