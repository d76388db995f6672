import { describe, expect, it } from 'vitest';
import type { Detector } from '../../classification/classifier.js';
import { createDefaultClassifier, createStructuredOnlyClassifier } from '../../classification/default-classifier.js';
import { createEmailDetector } from '../../classification/detectors/email-detector.js';
import { ENTITY_TYPE_DESCRIPTIONS, ENTITY_TYPES } from '../../classification/entity-types.js';
import { SAMPLE_KEYS, SAMPLE_PEM } from './detector-fixtures.js';

// The structured part alone: these tests pin detector behaviour; the full engine is tested below.
const classifier = createStructuredOnlyClassifier();

describe('default classifier', () => {
  it('finds every entity type in one mixed prompt, each with its exact text', async () => {
    const text = [
      'Customer jane.doe@example.com, phone +44 20 7946 0958, card 5555 5555 5555 4444,',
      'IBAN GB82 WEST 1234 5698 7654 32, SSN 536-22-8745, last login from 203.0.113.7.',
      `Our key ${SAMPLE_KEYS.aws} and password: hunter2.`,
      SAMPLE_PEM,
    ].join('\n');
    const output = await classifier.classify(text);
    expect(output.failure).toBeUndefined();
    const found = output.entities.map((entity) => [entity.type, text.slice(entity.start, entity.end)]);
    expect(found).toEqual([
      ['EMAIL_ADDRESS', 'jane.doe@example.com'],
      ['PHONE_NUMBER', '+44 20 7946 0958'],
      ['CREDIT_CARD', '5555 5555 5555 4444'],
      ['IBAN_CODE', 'GB82 WEST 1234 5698 7654 32'],
      ['US_SSN', '536-22-8745'],
      ['IP_ADDRESS', '203.0.113.7'],
      ['SECRET', SAMPLE_KEYS.aws],
      ['SECRET', 'hunter2'],
      ['PRIVATE_KEY', SAMPLE_PEM],
    ]);
  });

  it('finds every identity, health and banking type in one intake form, each with its exact text', async () => {
    const text = [
      'Patient: DOB 03/14/1985, MRN: 00482913, lives at 1600 Pennsylvania Ave NW.',
      "Passport number C03005988; driver's license A1234567 (CA); ITIN 912-78-1234.",
      'Direct deposit: routing number 021000021. Referring provider NPI 1234567893, DEA AB1234563.',
    ].join('\n');
    const output = await classifier.classify(text);
    expect(output.failure).toBeUndefined();
    expect(output.entities.map((entity) => [entity.type, text.slice(entity.start, entity.end)])).toEqual([
      ['DATE_OF_BIRTH', '03/14/1985'],
      ['MEDICAL_RECORD_NUMBER', '00482913'],
      ['STREET_ADDRESS', '1600 Pennsylvania Ave NW'],
      ['US_PASSPORT', 'C03005988'],
      ['US_DRIVER_LICENSE', 'A1234567'],
      ['US_ITIN', '912-78-1234'],
      ['ABA_ROUTING_NUMBER', '021000021'],
      ['US_NPI', '1234567893'],
      ['US_DEA_NUMBER', 'AB1234563'],
    ]);
  });

  it.each([
    ['a coding question', 'How do I reverse a linked list in Python?'],
    ['UNIX timestamps and order ids', 'Order 123456789 created at 1700000000000 (1700000000 s); invoice INV-2024-000123.'],
    ['a UUID', 'Request id 550e8400-e29b-41d4-a716-446655440000 failed.'],
    ['an ISBN', 'See ISBN 978-3-16-148410-0 for details.'],
    ['version strings', 'Upgrade to version 1.2.3.4, or pin v2.0.1.0 or 1.2.3.4.5.'],
    ['dates and times', 'Meet on 2024-01-15 at 10:30, i.e. 15.01.2024 or 01/15/2024.'],
    ['numbers in prose', 'In 2023 we shipped 1,234,567 units at 3.14159265 each; pi day is 3/14.'],
    ['TypeScript with credential-named fields', 'interface Login { password: string; token?: string; apiKey: string }'],
    ['code reading secrets from the environment', 'const password = process.env.DB_PASSWORD; const key = config.apiKey;'],
    ['a git commit hash', 'Reverted commit 3f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a yesterday.'],
    ['a SHA-256 digest', 'sha256 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['a loop with large constants', 'for (let i = 0; i < 10; i++) { total += prices[i] * 1000000; }'],
  ])('finds nothing in %s', async (_label, text) => {
    const output = await classifier.classify(text);
    expect(output.failure).toBeUndefined();
    expect(output.entities.map((entity) => `${entity.type}:${text.slice(entity.start, entity.end)}`)).toEqual([]);
  });

  it('lets options replace the preset detectors', async () => {
    const emailOnly = createDefaultClassifier({ detectors: [createEmailDetector()] });
    const output = await emailOnly.classify('card 4111111111111111, mail jane@example.com');
    expect(output.entities.map((entity) => entity.type)).toEqual(['EMAIL_ADDRESS']);
  });

  it('lets options replace the preset input limit', async () => {
    const output = await createDefaultClassifier({ maxInputChars: 5 }).classify('123456');
    expect(output.failure?.reason).toMatch(/over the 5-character limit/);
  });

  it('fails closed when its phone detector runs out of parse budget', async () => {
    const throwing: Detector = { name: 'phone', entityTypes: ['PHONE_NUMBER'], detect: () => { throw new Error('budget'); } };
    const output = await createDefaultClassifier({ detectors: [throwing, createEmailDetector()] }).classify('x@example.com');
    expect(output.failure?.reason).toContain('"phone"');
    expect(output.entities).toHaveLength(1);
  });
});

describe('entity type descriptions', () => {
  it('describes every entity type in one line', () => {
    expect(ENTITY_TYPES).toHaveLength(20);
    for (const type of ENTITY_TYPES) {
      expect(ENTITY_TYPE_DESCRIPTIONS[type].length).toBeGreaterThan(10);
      expect(ENTITY_TYPE_DESCRIPTIONS[type]).not.toContain('\n');
    }
  });

  it('has a built-in structured detector for every type except the named-entity ones', async () => {
    const { createDefaultDetectors } = await import('../../classification/detectors/default-detectors.js');
    const reported = new Set(createDefaultDetectors().flatMap((detector) => detector.entityTypes));
    // PERSON, LOCATION and ORGANIZATION come from the named-entity classifier, not from detectors.
    const namedEntityTypes = new Set(['PERSON', 'LOCATION', 'ORGANIZATION']);
    expect([...reported].sort()).toEqual(ENTITY_TYPES.filter((type) => !namedEntityTypes.has(type)).sort());
  });
});

describe('default classifier: the full engine', () => {
  const engine = createDefaultClassifier();

  it('adds named entities and confidential topics to the structured findings', async () => {
    const text = 'Please ask Dr. Hans Müller in Berlin to check card 4111 1111 1111 1111. I was diagnosed with diabetes and need sick leave.';
    const output = await engine.classify(text);
    const found = output.entities.map((entity) => `${entity.type}:${text.slice(entity.start, entity.end)}`);
    expect(found).toEqual(expect.arrayContaining(['PERSON:Hans Müller', 'LOCATION:Berlin', 'CREDIT_CARD:4111 1111 1111 1111']));
    // Sick leave reads as HR as much as health: either marks the prompt confidential.
    expect(output.topics?.map((topic) => topic.topic).some((topic) => topic === 'health' || topic === 'hr')).toBe(true);
    expect(output.failure).toBeUndefined();
  });

  it('finds nothing in a plain coding question', async () => {
    const output = await engine.classify('How do I reverse a linked list in Python?');
    expect(output.entities).toEqual([]);
    expect(output.topics).toEqual([]);
  });
});
