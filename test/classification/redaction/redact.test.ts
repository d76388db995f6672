import { describe, expect, it } from 'vitest';
import { redact, redactAll } from '../../../classification/redaction/redact.js';
import { createStructuredClassifier } from '../../../classification/structured-classifier.js';
import { findings, span } from './redaction-fixtures.js';

describe('redact', () => {
  it('replaces each finding with a <TYPE_N> placeholder', () => {
    const text = 'Mail jane@example.com or call +1 415 555 2671.';
    const { redactedText, mapping } = redact(text, findings(text, [['EMAIL_ADDRESS', 'jane@example.com'], ['PHONE_NUMBER', '+1 415 555 2671']]));
    expect(redactedText).toBe('Mail <EMAIL_ADDRESS_1> or call <PHONE_NUMBER_1>.');
    expect(mapping).toEqual({
      version: 1,
      entries: [
        { placeholder: '<EMAIL_ADDRESS_1>', type: 'EMAIL_ADDRESS', values: ['jane@example.com'] },
        { placeholder: '<PHONE_NUMBER_1>', type: 'PHONE_NUMBER', values: ['+1 415 555 2671'] },
      ],
    });
  });

  it('gives the same value one placeholder and two different values _1 and _2', () => {
    const text = 'Ana Silva met Bo Chen; Ana Silva paid.';
    const { redactedText, mapping } = redact(text, findings(text, [['PERSON', 'Ana Silva'], ['PERSON', 'Bo Chen']]));
    expect(redactedText).toBe('<PERSON_1> met <PERSON_2>; <PERSON_1> paid.');
    expect(mapping.entries.map((entry) => entry.placeholder)).toEqual(['<PERSON_1>', '<PERSON_2>']);
  });

  it.each([
    ['EMAIL_ADDRESS', 'Jane@Example.com', 'jane@example.COM'],
    ['CREDIT_CARD', '4111 1111 1111 1111', '4111-1111-1111-1111'],
    ['PHONE_NUMBER', '(415) 555-2671', '415.555.2671'],
    ['IBAN_CODE', 'DE89 3704 0044 0532 0130 00', 'de89370400440532013000'],
    ['PERSON', 'Jane  Doe', 'JANE DOE'],
  ] as const)('treats two spellings of one %s as one placeholder', (type, first, second) => {
    const text = `${first} / ${second}`;
    const { redactedText, mapping } = redact(text, [...findings(text, [[type, first]]), ...findings(text, [[type, second]])]);
    expect(redactedText).toBe(`<${type}_1> / <${type}_1>`);
    expect(mapping.entries).toEqual([{ placeholder: `<${type}_1>`, type, values: [first, second] }]);
  });

  it('keeps secrets that differ only by case apart', () => {
    const text = 'keys: abcDEF123 and ABCdef123';
    const { redactedText } = redact(text, [span('SECRET', 6, 15), span('SECRET', 20, 29)]);
    expect(redactedText).toBe('keys: <SECRET_1> and <SECRET_2>');
  });

  it('numbers each type separately, in order of first appearance', () => {
    const text = 'a@x.io Bo b@x.io Al';
    const { redactedText } = redact(text, findings(text, [['PERSON', 'Al'], ['EMAIL_ADDRESS', 'b@x.io'], ['PERSON', 'Bo'], ['EMAIL_ADDRESS', 'a@x.io']]));
    expect(redactedText).toBe('<EMAIL_ADDRESS_1> <PERSON_1> <EMAIL_ADDRESS_2> <PERSON_2>');
  });

  it('resolves overlaps: the higher score wins, then the longer span', () => {
    const text = 'Contact jane.doe@example.com today';
    const email = span('EMAIL_ADDRESS', 8, 28, 0.95);
    expect(redact(text, [span('PERSON', 8, 16, 0.6), email]).redactedText).toBe('Contact <EMAIL_ADDRESS_1> today');
    expect(redact(text, [span('PERSON', 8, 16, 0.95), { ...email, score: 0.95 }]).redactedText).toBe('Contact <EMAIL_ADDRESS_1> today');
  });

  it('redacts only the chosen entity types, even where an unchosen finding overlaps', () => {
    const text = 'Jane Doe <jane@example.com>';
    const entities = [span('PERSON', 0, 8, 0.5), span('EMAIL_ADDRESS', 10, 26, 0.99), span('SECRET', 0, 26, 0.99)];
    expect(redact(text, entities, { entityTypes: ['PERSON', 'EMAIL_ADDRESS'] }).redactedText).toBe('<PERSON_1> <<EMAIL_ADDRESS_1>>');
    expect(redact(text, entities, { entityTypes: ['PERSON'] }).redactedText).toBe('<PERSON_1> <jane@example.com>');
  });

  it('handles entities at the start and end of the text and adjacent to each other', () => {
    const text = 'Ana4111111111111111Bo';
    const { redactedText } = redact(text, [span('PERSON', 0, 3), span('CREDIT_CARD', 3, 19), span('PERSON', 19, 21)]);
    expect(redactedText).toBe('<PERSON_1><CREDIT_CARD_1><PERSON_2>');
  });

  it('returns the text unchanged and an empty mapping when there are no findings', () => {
    expect(redact('nothing here', [])).toEqual({ redactedText: 'nothing here', mapping: { version: 1, entries: [] } });
    expect(redact('', [])).toEqual({ redactedText: '', mapping: { version: 1, entries: [] } });
  });

  it('tags every placeholder when the prompt already contains one of them literally', () => {
    const text = 'Replace <PERSON_1> with Jane Doe.';
    const { redactedText, mapping } = redact(text, findings(text, [['PERSON', 'Jane Doe']]));
    expect(redactedText).toBe('Replace <PERSON_1> with <PERSON_1_x>.');
    expect(mapping.entries[0]?.placeholder).toBe('<PERSON_1_x>');
  });

  it('also counts variant spellings (case, spacing, bare upper case) as a collision', () => {
    for (const literal of ['<person_1>', '< PERSON 1 >', '&lt;PERSON_1&gt;', 'PERSON_1']) {
      const text = `${literal} is Jane Doe`;
      expect(redact(text, findings(text, [['PERSON', 'Jane Doe']])).redactedText).toBe(`${literal} is <PERSON_1_x>`);
    }
  });

  it('moves on to the next tag when the prompt contains tagged placeholders too', () => {
    const text = '<PERSON_1> <PERSON_1_x> <PERSON_1_Y> Jane';
    expect(redact(text, findings(text, [['PERSON', 'Jane']])).redactedText).toBe('<PERSON_1> <PERSON_1_x> <PERSON_1_Y> <PERSON_1_z>');
  });

  it('needs no tag when the literal placeholder is one this request does not use', () => {
    const text = 'see <EMAIL_ADDRESS_1> and person_1 and Jane';
    expect(redact(text, findings(text, [['PERSON', 'Jane']])).redactedText).toBe('see <EMAIL_ADDRESS_1> and person_1 and <PERSON_1>');
  });

  it('detects a collision created by redaction itself (a bare form right after a removed word)', () => {
    // "JanePERSON_1" is not a placeholder, but once "Jane" becomes "<PERSON_1>" the bare "PERSON_1" is.
    const text = 'JanePERSON_1';
    expect(redact(text, [span('PERSON', 0, 4)]).redactedText).toBe('<PERSON_1_x>PERSON_1');
  });

  it('rejects a span that is empty or outside the text', () => {
    expect(() => redact('abc', [span('PERSON', 1, 1)])).toThrow(RangeError);
    expect(() => redact('abc', [span('PERSON', 2, 4)])).toThrow(/outside the text/);
    expect(() => redact('abc', [span('PERSON', -1, 2)])).toThrow(RangeError);
  });

  it('rejects an unknown entity type naming the known ones', () => {
    expect(() => redact('abc', [{ ...span('PERSON', 0, 1), type: 'NOPE' as never }])).toThrow(/unknown entity type "NOPE".*PERSON/);
  });

  it('shares one mapping across the texts of a request', () => {
    const texts = ['Ana Silva asks', 'context: Ana Silva, Bo Chen', 'Bo Chen'];
    const { redactedTexts, mapping } = redactAll(texts.map((text) => ({ text, entities: findings(text, [['PERSON', text.includes('Ana') ? 'Ana Silva' : 'Bo Chen']]) })));
    expect(redactedTexts).toEqual(['<PERSON_1> asks', 'context: <PERSON_1>, Bo Chen', '<PERSON_2>']);
    expect(mapping.entries.map((entry) => entry.values)).toEqual([['Ana Silva', 'Ana Silva'], ['Bo Chen']]);
  });

  it('tags all texts of a request when any one of them contains a literal placeholder', () => {
    const { redactedTexts } = redactAll([
      { text: 'Jane', entities: [span('PERSON', 0, 4)] },
      { text: 'literal <PERSON_1>', entities: [] },
    ]);
    expect(redactedTexts).toEqual(['<PERSON_1_x>', 'literal <PERSON_1>']);
  });

  it('leaves nothing the structured classifier flags in a redacted prompt', async () => {
    const text = 'Card 4111 1111 1111 1111, IBAN DE89 3704 0044 0532 0130 00, SSN 536-22-1234, mail jane@example.com, ip 10.1.2.3';
    const classifier = createStructuredClassifier();
    const before = await classifier.classify(text);
    expect(before.entities.length).toBeGreaterThanOrEqual(4);
    const { redactedText } = redact(text, before.entities);
    const after = await classifier.classify(redactedText);
    expect(after.failure).toBeUndefined();
    expect(after.entities).toEqual([]);
  });
});
