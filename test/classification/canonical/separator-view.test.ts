import { describe, expect, it } from 'vitest';
import { IDENTITY_MAP } from '../../../classification/canonical/mapped-text.js';
import { numericView } from '../../../classification/canonical/scan-views.js';
import { separatorView } from '../../../classification/canonical/separator-view.js';
import { seededRandom } from '../../../classification/topics/seeded-random.js';
import { generateAdversarialCases } from '../../adversarial/adversarial-cases.js';
import { loadCorpus } from '../../corpus/corpus-record.js';

const asIs = (text: string) => ({ text, toOriginal: IDENTITY_MAP });

/** The rule, as first written: every separator run of 1-4 between groups becomes one space, except a lone space, dash, dot or slash. */
const SEPARATOR_RUN = /(?<=[\d)])[\s.,;:_/\\|·•'*~-]{1,4}(?=[A-Za-z0-9(])|(?<=[A-Za-z])[\s.,;:_/\\|·•'*~-]{1,4}(?=\d)/g;
const NATIVE = new Set([' ', '-', '.', '/']);
/** Letters, digits, every kind of separator (ASCII, Unicode white space, · •), parentheses and a few others. */
const ALPHABET = [...'aZ40() .,;:_/\\|·•\'*~-\n\t#+é', '\u00a0', '\u2009', '\u3000'];

describe('separator and numeric views', () => {
  it('makes separator runs between groups single and joins a number written one digit at a time', () => {
    expect(separatorView(asIs('card 4111__1111,1111 | 1111 ok'))?.text).toBe('card 4111 1111 1111 1111 ok');
    expect(separatorView(asIs('ssn 5 3 6 2 2 8 7 4 5'))?.text).toBe('ssn 536228745');
    expect(separatorView(asIs('no digits here, none at all'))).toBeUndefined();
  });

  it('changes exactly the separator runs the rule names, on 20,000 random texts', () => {
    const random = seededRandom(8);
    for (let round = 0; round < 20_000; round++) {
      let text = '';
      for (let index = 1 + Math.floor(random() * 24); index > 0; index--) text += ALPHABET[Math.floor(random() * ALPHABET.length)];
      let expected = text;
      for (const match of [...text.matchAll(SEPARATOR_RUN)].reverse()) {
        if (!NATIVE.has(match[0])) expected = `${expected.slice(0, match.index)} ${expected.slice(match.index + match[0].length)}`;
      }
      // Only texts the second pass (characters written one at a time) leaves alone; without a digit there is no view.
      const view = separatorView(asIs(text));
      if (/(?:[A-Za-z0-9][^A-Za-z0-9]{1,4}){4}[A-Za-z0-9]/.test(expected) || !/\d/.test(text)) continue;
      expect(view?.text ?? text, JSON.stringify(text)).toBe(expected);
    }
  });

  // The numeric windows rely on this: outside the spans the view reports as changed, it reads
  // character for character like its source.
  it('reports every place where the numeric view differs from its source', () => {
    const texts = [
      ...generateAdversarialCases().flatMap((adversarialCase) => adversarialCase.parts.map((part) => part.text)),
      ...loadCorpus().map((record) => record.text),
      'four one one one, one one one one_1111 1111 and 5 3 6 2 2 8 7 4 5 then 12,,34',
    ];
    const problems: string[] = [];
    for (const text of texts) {
      const view = numericView(asIs(text));
      if (view === undefined) continue;
      let change = 0;
      let previousSource = -1;
      for (let index = 0; index < view.text.length; index++) {
        while (change < view.changes.length && view.changes[change]![1] <= index) change += 1;
        const inChange = change < view.changes.length && view.changes[change]![0] <= index;
        const [source] = view.toOriginal(index, index + 1);
        if (!inChange && (view.text[index] !== text[source] || (previousSource >= 0 && source !== previousSource + 1 && !atChangeEnd(view.changes, index)))) {
          problems.push(`${JSON.stringify(text)} at ${index}: ${JSON.stringify(view.text.slice(Math.max(0, index - 10), index + 10))}`);
          break;
        }
        previousSource = inChange ? -1 : source;
      }
    }
    expect(problems).toEqual([]);
  });
});

/** True when `index` is just after a changed span (the source may jump there: separators dropped). */
function atChangeEnd(changes: readonly (readonly [number, number])[], index: number): boolean {
  return changes.some(([, end]) => end === index);
}
