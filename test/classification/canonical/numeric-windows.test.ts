/**
 * The numeric view is scanned only in windows around its changes (classification/canonical/
 * numeric-windows.ts). The windows must find everything the whole view finds: checked against the
 * whole view on the edge cases (values at the start and end, values close together, a value half
 * in a changed and half in an unchanged stretch, cues and split-card pieces far from the change),
 * on every adversarial spelling placed at the start, middle and end of long filler, and on the
 * development corpus.
 */
import { describe, expect, it } from 'vitest';
import type { ClassifierOutput, EntityType } from '../../../classification/classifier.js';
import { CHANGE_CONTEXT, numericWindows, QUIET_RADIUS } from '../../../classification/canonical/numeric-windows.js';
import { scanViews } from '../../../classification/canonical/scan-views.js';
import { createStructuredOnlyClassifier } from '../../../classification/default-classifier.js';
import { loadCorpus } from '../../corpus/corpus-record.js';
import { generateAdversarialCases, onePerFamilyAndType } from '../../adversarial/adversarial-cases.js';

const windowed = createStructuredOnlyClassifier();
const whole = createStructuredOnlyClassifier({ numericWindows: false });

/** Prose without a digit, long enough to push a value far from the text's edges and from other values. */
const PROSE = 'The quarterly review covered shipping delays, supplier onboarding and the new warehouse layout. ';
const FILLER = PROSE.repeat(12);
/** Prose with ordinary numbers (none of them sensitive) that the numeric view leaves alone or changes harmlessly. */
const NUMBERED = 'We shipped 12 pallets on day 3, then 40 more. Version 2.4.1 went out, build 118. ';

/** Findings of the whole view that no finding of the windows covers (same type, every character). */
function uncovered(wholeOutput: ClassifierOutput, windowedOutput: ClassifierOutput): string[] {
  return wholeOutput.entities
    .filter((entity) => !windowedOutput.entities.some((other) => other.type === entity.type && other.start <= entity.start && other.end >= entity.end))
    .map((entity) => `${entity.type} [${entity.start}, ${entity.end})`);
}

async function compare(text: string): Promise<{ missing: string[]; types: Set<EntityType> }> {
  const [wholeOutput, windowedOutput] = [await whole.classify(text), await windowed.classify(text)];
  expect(windowedOutput.failure).toBeUndefined();
  return { missing: uncovered(wholeOutput, windowedOutput), types: new Set(windowedOutput.entities.map((entity) => entity.type)) };
}

function isDigit(character: string | undefined): boolean {
  return character !== undefined && character >= '0' && character <= '9';
}

describe('numeric windows', () => {
  it('makes no window when the view changed nothing, and one window per far-apart change', () => {
    const text = `${FILLER}x${FILLER}y${FILLER}`;
    expect(numericWindows(text, [])).toEqual([]);
    const first = FILLER.length;
    const second = 2 * FILLER.length + 1;
    const windows = numericWindows(text, [[first, first + 1], [second, second + 1]]);
    expect(windows).toHaveLength(2);
    expect(windows[0]![0]).toBeLessThanOrEqual(first - CHANGE_CONTEXT);
    expect(windows[0]![1]).toBeGreaterThanOrEqual(first + 1 + CHANGE_CONTEXT);
    expect(windows[1]![0]).toBeLessThanOrEqual(second - CHANGE_CONTEXT);
    expect(windows[1]![1]).toBeGreaterThanOrEqual(second + 1 + CHANGE_CONTEXT);
  });

  it('reaches the text edges for changes near them and merges changes close together', () => {
    const text = `4_1 ${FILLER}`;
    expect(numericWindows(text, [[1, 2]])[0]![0]).toBe(0);
    const end = `${FILLER}4_1`;
    expect(numericWindows(end, [[end.length - 2, end.length - 1]]).at(-1)![1]).toBe(end.length);
    const middle = FILLER.length / 2;
    expect(numericWindows(FILLER, [[middle, middle + 1], [middle + 40, middle + 41]])).toHaveLength(1);
  });

  it('never ends a window next to a digit: a number run past the context is kept whole', () => {
    // A change, then a long digit-dense stretch crossing the context boundary, then prose.
    const digits = Array.from({ length: 120 }, (_, index) => `${1000 + index}`).join(' ');
    const text = `${FILLER}a_1 ${digits}${FILLER}`;
    const change = FILLER.length + 1;
    for (const [start, end] of numericWindows(text, [[change, change + 1]])) {
      for (let offset = -QUIET_RADIUS; offset < QUIET_RADIUS; offset++) {
        if (start > 0) expect(isDigit(text[start + offset])).toBe(false);
        if (end < text.length) expect(isDigit(text[end + offset])).toBe(false);
      }
      expect(end).toBeGreaterThan(FILLER.length + 4 + digits.length);
    }
  });

  it('scans less than the whole view when the changes are few', () => {
    const text = `${FILLER}Card 4111_1111_1111_1111 please.${FILLER}${FILLER}`;
    const numeric = scanViews(text).views.filter((view) => view.kind === 'numeric');
    expect(numeric.length).toBeGreaterThan(0);
    expect(numeric.reduce((sum, view) => sum + view.text.length, 0)).toBeLessThan(text.length / 2);
  });

  it.each([
    ['a value at the very start', 'card 4111_1111_1111_1111', 'CREDIT_CARD'],
    ['a value at the very end', `${FILLER}My SSN is 536_22_8745`, 'US_SSN'],
    ['a value alone, nothing around it', '4111,1111,1111,1111', 'CREDIT_CARD'],
    ['two values close together', `${FILLER}card 4111_1111_1111_1111, SSN 536__22__8745 ${FILLER}`, 'US_SSN'],
    ['a value half in an unchanged and half in a changed stretch', `${FILLER}My card 4111 1111_1111 1111 was charged${FILLER}`, 'CREDIT_CARD'],
    ['an IBAN whose only change is its last separator', `${FILLER}IBAN GB82 WEST 1234 5698 7654__32 please${FILLER}`, 'IBAN_CODE'],
    ['a phone number with one changed separator and its cue far before', `${FILLER}Call me, whenever it suits you, on (415) 555_2671.${FILLER}`, 'PHONE_NUMBER'],
    ['spelled-out digits between numbered prose', `${NUMBERED.repeat(8)}my card is four one one one one one one one one one one one one one one one ${NUMBERED.repeat(8)}`, 'CREDIT_CARD'],
    ['a card split by words with its last piece changed', `${FILLER}The card starts 4111 1111 and, after a long pause in the call, it ends 1111_1111.${FILLER}`, 'CREDIT_CARD'],
    // Cues far before a value whose change the canonical view cannot read: the context, not the quiet edge, must reach them.
    ['a licence number with commas and its cue 75 characters before', `${FILLER}Driver's license, as printed on the plastic card the state issued last spring: 123,456,789.${FILLER}`, 'US_DRIVER_LICENSE'],
    ['a split card with commas and its card word 75 characters before the first piece', `${FILLER}Visa, the one I use for groceries and for the weekly train tickets into town: 4111,1111 and later 1111,1111.${FILLER}`, 'CREDIT_CARD'],
    ['a split card changed only in its last piece, a long gap and its card word far before', `${FILLER}Visa, the one I use for groceries and for the weekly train tickets into town: 4111 1111 and then, after I checked the statement twice, 1111,1111.${FILLER}`, 'CREDIT_CARD'],
    ['a value at the edge of the context of another change', `${FILLER}ref 12_34 ${'x'.repeat(CHANGE_CONTEXT - 20)} card 4111 1111 1111 1111 ${FILLER}`, 'CREDIT_CARD'],
  ])('finds what the whole view finds: %s', async (_name, text, type) => {
    const { missing, types } = await compare(text);
    expect(missing).toEqual([]);
    expect(types).toContain(type);
  });

  it('finds what the whole view finds for every single-part adversarial spelling in long text (and each family and type at its start and end)', async () => {
    const cases = generateAdversarialCases().filter((adversarialCase) => adversarialCase.parts.length === 1);
    const atEdges = new Set(onePerFamilyAndType(cases));
    const missing: string[] = [];
    for (const adversarialCase of cases) {
      const value = adversarialCase.parts[0]!.text;
      const texts = [`${FILLER}${NUMBERED}${value} ${NUMBERED}${FILLER}`];
      if (atEdges.has(adversarialCase)) texts.push(`${value}\n${FILLER}${NUMBERED}`, `${NUMBERED}${FILLER}${value}`);
      for (const text of texts) {
        const result = await compare(text);
        if (result.missing.length > 0) missing.push(`${adversarialCase.family}: ${JSON.stringify(value)} → ${result.missing.join(', ')}`);
      }
    }
    expect(missing).toEqual([]);
  }, 300_000);

  it('finds what the whole view finds on every corpus prompt, and on the corpus joined', async () => {
    const records = loadCorpus();
    const missing: string[] = [];
    for (const record of records) {
      const result = await compare(record.text);
      if (result.missing.length > 0) missing.push(`${record.id}: ${result.missing.join(', ')}`);
    }
    const joined = await compare(records.map((record) => record.text).join(`\n${FILLER}\n`));
    expect([...missing, ...joined.missing]).toEqual([]);
  }, 120_000);
});
