import { describe, expect, it } from 'vitest';
import { hasCueAround, hasIdLabelBefore, windowAfter, windowBefore } from '../../../classification/detectors/context-cues.js';

describe('context cues', () => {
  it('cuts the window before a candidate after the last digit, so a cue belongs to the nearest number', () => {
    expect(windowBefore('SSN 536-22-8745, employee ', 26, 48)).toBe(', employee ');
    expect(windowBefore('routing number ', 15, 8)).toBe(' number ');
  });

  it('cuts the window after a candidate before the first digit', () => {
    expect(windowAfter('x (ssn), next 123', 1, 40)).toBe(' (ssn), next ');
  });

  it('finds a cue before or after the span', () => {
    const text = 'NPI 1234567893 and 1987654328 (npi)';
    expect(hasCueAround(text, 4, 14, /\bnpi\b/i, { before: 20, after: 10 })).toBe(true);
    expect(hasCueAround(text, 19, 29, /\bnpi\b/i, { before: 20, after: 10 })).toBe(true);
  });

  it.each([
    ['Order #', true],
    ['Tracking no.: ', true],
    ['Invoice number ', true],
    ['Customer ID: ', true],
    ['ticket ', true],
    ['for your reference: ', false],
    ['account number ', false],
    ['card ', false],
  ])('treats "%s" as an id label: %s', (label, expected) => {
    expect(hasIdLabelBefore(`${label}4111111111111111`, label.length)).toBe(expected);
  });
});
