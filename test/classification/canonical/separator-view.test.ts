import { describe, expect, it } from 'vitest';
import { IDENTITY_MAP } from '../../../classification/canonical/mapped-text.js';
import { numericView } from '../../../classification/canonical/scan-views.js';
import { separatorView } from '../../../classification/canonical/separator-view.js';
import { generateAdversarialCases } from '../../adversarial/adversarial-cases.js';
import { loadCorpus } from '../../corpus/corpus-record.js';

const asIs = (text: string) => ({ text, toOriginal: IDENTITY_MAP });

describe('separator and numeric views', () => {
  it('makes separator runs between groups single and joins a number written one digit at a time', () => {
    expect(separatorView(asIs('card 4111__1111,1111 | 1111 ok'))?.text).toBe('card 4111 1111 1111 1111 ok');
    expect(separatorView(asIs('ssn 5 3 6 2 2 8 7 4 5'))?.text).toBe('ssn 536228745');
    expect(separatorView(asIs('no digits here, none at all'))).toBeUndefined();
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
