import { describe, expect, it } from 'vitest';
import type { EntityType } from '../../../classification/classifier.js';
import { ENTITY_TYPES } from '../../../classification/entity-types.js';
import { redact } from '../../../classification/redaction/redact.js';
import type { RedactionMapping } from '../../../classification/redaction/redaction-mapping.js';
import { restore } from '../../../classification/redaction/restore.js';
import { findings, span } from './redaction-fixtures.js';

// A Record over EntityType: a new entity type fails to compile here until it has a round-trip sample.
const SAMPLES: Record<EntityType, string> = {
  EMAIL_ADDRESS: 'Jane.Doe+tag@Example.co.uk',
  PHONE_NUMBER: '+44 20 7946 0958',
  CREDIT_CARD: '4111-1111-1111-1111',
  IBAN_CODE: 'GB82 WEST 1234 5698 7654 32',
  US_SSN: '536-22-1234',
  IP_ADDRESS: '2001:DB8::ff00:42:8329',
  SECRET: 'sk-proj-AbC123$&`\'\\n',
  PRIVATE_KEY: '-----BEGIN PRIVATE KEY-----\nMIIEvQ==\n-----END PRIVATE KEY-----',
  US_ITIN: '912-78-1234',
  ABA_ROUTING_NUMBER: '021000021',
  US_NPI: '1234567893',
  US_DEA_NUMBER: 'AB1234563',
  DATE_OF_BIRTH: '29 Feb 1984',
  MEDICAL_RECORD_NUMBER: 'MRN-00042',
  US_PASSPORT: 'X12345678',
  US_DRIVER_LICENSE: 'D123-4567-8901',
  STREET_ADDRESS: '221B Baker Street',
  PERSON: 'Zoë  Ångström-Łukasiewicz',
  LOCATION: 'São Paulo',
  ORGANIZATION: 'Müller & Söhne GmbH',
};

const person = (text: string, ...names: string[]) => redact(text, findings(text, names.map((name) => ['PERSON', name] as const)));

describe('restore', () => {
  it('round-trips a value of every entity type exactly', () => {
    const text = ENTITY_TYPES.map((type) => `${type.toLowerCase()}: ${SAMPLES[type]};`).join('\n');
    const { redactedText, mapping } = redact(text, ENTITY_TYPES.flatMap((type) => findings(text, [[type, SAMPLES[type]]])));
    for (const type of ENTITY_TYPES) expect(redactedText).not.toContain(SAMPLES[type]);
    expect(restore(redactedText, mapping)).toEqual({ text, restored: ENTITY_TYPES.length, unknownPlaceholders: [] });
  });

  it('restores a reordered answer that omits some placeholders and repeats others', () => {
    const { mapping } = person('Ana Silva, Bo Chen and Cy Diaz', 'Ana Silva', 'Bo Chen', 'Cy Diaz');
    const answer = '<PERSON_3> thanks <PERSON_1>; <PERSON_3> again.';
    expect(restore(answer, mapping)).toEqual({ text: 'Cy Diaz thanks Ana Silva; Cy Diaz again.', restored: 3, unknownPlaceholders: [] });
  });

  it('accepts changed case, spacing, separators, HTML escapes and Markdown escapes', () => {
    const { mapping } = redact('mail a@b.io', findings('mail a@b.io', [['EMAIL_ADDRESS', 'a@b.io']]));
    for (const written of ['<email_address_1>', '< EMAIL_ADDRESS_1 >', '<Email Address 1>', '<EMAIL-ADDRESS-1>', '&lt;EMAIL_ADDRESS_1&gt;', '<EMAIL\\_ADDRESS\\_1>', '<EMAIL_ADDRESS_01>']) {
      expect(restore(`[${written}]`, mapping).text).toBe('[a@b.io]');
    }
  });

  it('accepts the bare upper-case form only where it stands alone', () => {
    const { mapping } = person('Ana', 'Ana');
    expect(restore('PERSON_1 wrote (PERSON_1). PERSON\\_1', mapping).text).toBe('Ana wrote (Ana). Ana');
    // Inside a longer identifier or in lower case it is ordinary text, not a placeholder.
    expect(restore('MY_PERSON_1 PERSON_10 PERSON_1_ID person_1', mapping)).toEqual({ text: 'MY_PERSON_1 PERSON_10 PERSON_1_ID person_1', restored: 0, unknownPlaceholders: [] });
  });

  it('leaves invented placeholders untouched and reports each once', () => {
    const { mapping } = person('Ana', 'Ana');
    const result = restore('<PERSON_1>, <PERSON_2>, <person_2>, <CREDIT_CARD_1>, <PERSON_2>, <h_1>, PERSON_9', mapping);
    expect(result).toEqual({
      text: 'Ana, <PERSON_2>, <person_2>, <CREDIT_CARD_1>, <PERSON_2>, <h_1>, PERSON_9',
      restored: 1,
      unknownPlaceholders: ['<PERSON_2>', '<person_2>', '<CREDIT_CARD_1>'],
    });
  });

  it('does not restore the literal placeholder the prompt contained, only its tagged replacement', () => {
    const prompt = 'Template: "Dear <PERSON_1>". Fill it for Jane Doe.';
    const { redactedText, mapping } = person(prompt, 'Jane Doe');
    expect(restore(redactedText, mapping).text).toBe(prompt);
    expect(restore('Dear <PERSON_1_x> (was <PERSON_1>)', mapping)).toEqual({ text: 'Dear Jane Doe (was <PERSON_1>)', restored: 1, unknownPlaceholders: ['<PERSON_1>'] });
    expect(restore('Dear <person_1_X>', mapping).text).toBe('Dear Jane Doe');
  });

  it('gives back each spelling of a shared placeholder in prompt order, then the first', () => {
    const text = 'jane@x.io wrote to JANE@X.IO';
    const { redactedText, mapping } = redact(text, findings(text, [['EMAIL_ADDRESS', 'jane@x.io'], ['EMAIL_ADDRESS', 'JANE@X.IO']]));
    expect(redactedText).toBe('<EMAIL_ADDRESS_1> wrote to <EMAIL_ADDRESS_1>');
    expect(restore(redactedText, mapping).text).toBe(text);
    expect(restore('<EMAIL_ADDRESS_1>, <EMAIL_ADDRESS_1>, <EMAIL_ADDRESS_1>', mapping).text).toBe('jane@x.io, JANE@X.IO, jane@x.io');
  });

  it('round-trips unicode names, including astral characters and spans at both ends', () => {
    const text = '李小龍 met 𝒥ürgen Ørsted and Заира';
    const { redactedText, mapping } = person(text, '李小龍', '𝒥ürgen Ørsted', 'Заира');
    expect(redactedText).toBe('<PERSON_1> met <PERSON_2> and <PERSON_3>');
    expect(restore(redactedText, mapping).text).toBe(text);
  });

  it('round-trips adjacent entities', () => {
    const text = 'Ana4111111111111111Bo';
    const { redactedText, mapping } = redact(text, [span('PERSON', 0, 3), span('CREDIT_CARD', 3, 19), span('PERSON', 19, 21)]);
    expect(restore(redactedText, mapping)).toEqual({ text, restored: 3, unknownPlaceholders: [] });
  });

  it('never rescans a restored value, even one that looks like a placeholder', () => {
    const text = 'token <PERSON_2>x';
    const { redactedText, mapping } = redact(text, [span('SECRET', 6, 17)]);
    expect(redactedText).toBe('token <SECRET_1>');
    expect(restore(redactedText, mapping).text).toBe(text);
  });

  it('is the identity for an empty mapping', () => {
    const { mapping } = redact('plain', []);
    expect(restore('any <PERSON_1> answer', mapping)).toEqual({ text: 'any <PERSON_1> answer', restored: 0, unknownPlaceholders: ['<PERSON_1>'] });
  });

  it('works from a mapping that went through JSON', () => {
    const { redactedText, mapping } = person('Ana and Bo', 'Ana', 'Bo');
    expect(restore(redactedText, JSON.parse(JSON.stringify(mapping)) as RedactionMapping).text).toBe('Ana and Bo');
  });

  it('refuses a mapping of an unknown version or with a malformed placeholder', () => {
    expect(() => restore('x', { version: 2, entries: [] } as unknown as RedactionMapping)).toThrow(/version 2/);
    expect(() => restore('x', { version: 1, entries: [{ placeholder: 'PERSON', type: 'PERSON', values: ['a'] }] })).toThrow(/not a placeholder/);
  });
});
