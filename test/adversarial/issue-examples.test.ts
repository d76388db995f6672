/**
 * Every example reported in issue #8, each its own test, through what `switchyard classify` runs
 * (the default classifier and the default policy): each is now sensitive, so it stays local (or,
 * for confidential data, reaches cloud only redacted). The split request is also checked through
 * the classify activity and the cloud worker's re-check.
 */
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { createControlActivities } from '../../activities/control-activities.js';
import { createSensitiveGuard } from '../../activities/sensitive-guard.js';
import { createDefaultClassifier } from '../../classification/default-classifier.js';
import { classifyLine } from '../../cli/classify-command.js';
import { classifyByPolicy } from '../../routing/data-classes.js';
import { loadPolicyFile } from '../../routing/policy-loader.js';
import type { Policy } from '../../routing/policy-schema.js';
import { route } from '../../routing/route.js';

const DEFAULT_POLICY = fileURLToPath(new URL('../../policies/default.yaml', import.meta.url));
const classifier = createDefaultClassifier();
let policy: Policy;
beforeAll(async () => {
  policy = await loadPolicyFile(DEFAULT_POLICY);
});

const digitsIn = (zero: number, ascii: string): string => ascii.replace(/\d/g, (digit) => String.fromCodePoint(zero + Number(digit)));

async function classify(text: string) {
  const record = await classifyLine(JSON.stringify({ id: 'example', text }), 1, classifier, policy);
  if ('error' in record) throw new Error(record.error);
  return record;
}

describe('issue #8 examples: cards, SSNs and IBANs in every spelling stay local', () => {
  it.each([
    ['card with dots', 'My card 4111.1111.1111.1111 was charged twice', 'CREDIT_CARD'],
    ['card digits separated by newlines', 'My card 4111\n1111\n1111\n1111 was charged twice', 'CREDIT_CARD'],
    ['card digits separated by slashes', 'My card 4111/1111/1111/1111 was charged twice', 'CREDIT_CARD'],
    ['card digits separated by underscores', 'My card 4111_1111_1111_1111 was charged twice', 'CREDIT_CARD'],
    ['card digits separated by commas', 'My card 4111,1111,1111,1111 was charged twice', 'CREDIT_CARD'],
    ['card digits separated by double spaces', 'My card 4111  1111  1111  1111 was charged twice', 'CREDIT_CARD'],
    ['a space between every card digit', 'My card 4 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 was charged twice', 'CREDIT_CARD'],
    ['Bengali digits', `My card ${digitsIn(0x09e6, '4111 1111 1111 1111')} was charged twice`, 'CREDIT_CARD'],
    ['Thai digits', `My card ${digitsIn(0x0e50, '4111 1111 1111 1111')} was charged twice`, 'CREDIT_CARD'],
    ['mathematical alphanumeric digits', `My card ${digitsIn(0x1d7ce, '4111 1111 1111 1111')} was charged twice`, 'CREDIT_CARD'],
    ['circled digits', 'My card ④①①① ①①①① ①①①① ①①①① was charged twice', 'CREDIT_CARD'],
    ['superscript digits', 'My card ⁴¹¹¹ ¹¹¹¹ ¹¹¹¹ ¹¹¹¹ was charged twice', 'CREDIT_CARD'],
    ['combining marks on digits', `My card ${'4111 1111 1111 1111'.replace(/\d/g, (digit) => `${digit}\u0301`)} was charged twice`, 'CREDIT_CARD'],
    ['a card written in words', 'My card is four one one one one one one one one one one one one one one one', 'CREDIT_CARD'],
    ['a card as HTML entities', `My card ${[...'4111 1111 1111 1111'].map((character) => `&#${character.charCodeAt(0)};`).join('')} was charged twice`, 'CREDIT_CARD'],
    ['a card in base64', `My card ${Buffer.from('4111 1111 1111 1111').toString('base64')} was charged twice`, 'CREDIT_CARD'],
    ['an SSN with dots', 'My SSN is 536.22.8745', 'US_SSN'],
    ['a lower-case IBAN with dots', 'Wire it to gb82.west.1234.5698.7654.32 please', 'IBAN_CODE'],
  ])('%s is restricted', async (_label, text, type) => {
    const record = await classify(text);
    expect(record).toMatchObject({ dataClass: 'restricted', sensitive: true });
    expect(record.entities.map((entity) => entity.type)).toContain(type);
    expect(route({ dataClass: record.dataClass, sensitive: record.sensitive, taskType: 'general' }, policy).backendKind).toBe('local');
  });

  it.each([
    ['an order id label', 'Order #4111111111111111 please refund'],
    ['an invoice number label', 'Invoice number 5555555555554444 is overdue'],
  ])('a valid card behind %s is still a card (restricted)', async (_label, text) => {
    const record = await classify(text);
    expect(record).toMatchObject({ dataClass: 'restricted', sensitive: true });
    expect(record.entities.map((entity) => entity.type)).toEqual(['CREDIT_CARD']);
  });
});

describe('issue #8 examples: a card split between the system prompt and the user message', () => {
  const parts = [
    { source: 'system' as const, text: 'The customer says the card starts 4111 1111' },
    { source: 'user' as const, text: 'and ends 1111 1111. Why was it charged twice?' },
  ];

  it('is found by the classify activity, which also reads the parts joined', async () => {
    const classification = await createControlActivities({ policy, classifier }).classifyPrompt(parts);
    const verdict = classifyByPolicy(policy, classification.entities.map((entity) => entity.type), classification.failure, classification.topics);
    expect(verdict).toMatchObject({ dataClass: 'restricted', sensitive: true });
    // Recorded in both parts it touches, with part-relative spans.
    const cards = classification.entities.filter((entity) => entity.type === 'CREDIT_CARD');
    expect(cards.map((entity) => parts[entity.part]!.text.slice(entity.start, entity.end))).toEqual(['4111 1111', 'and ends 1111 1111']);
  });

  it('is refused by the cloud worker\'s re-check, which also reads the messages joined', async () => {
    const guard = createSensitiveGuard(classifier, policy);
    const request = { backend: 'openai', model: 'gpt-4o-mini', messages: parts.map((part) => ({ role: part.source, content: part.text })) };
    await expect(guard(request)).rejects.toMatchObject({ type: 'SensitiveDataRefused', nonRetryable: true, message: expect.stringContaining('the messages joined is restricted') });
  });
});

describe('issue #8 examples: phones by shape and cue, unknown names', () => {
  it('a phone-shaped number after TEL is a phone number even when the numbering plan rejects it', async () => {
    const record = await classify('TEL (578) 322-5639');
    expect(record).toMatchObject({ dataClass: 'confidential', sensitive: true });
    expect(record.entities.map((entity) => entity.type)).toEqual(['PHONE_NUMBER']);
  });

  it('without a cue the same number is left to validation', async () => {
    expect((await classify('Figures: (578) 322-5639')).entities.map((entity) => entity.type)).not.toContain('PHONE_NUMBER');
  });

  it('an SSN under a policy that renamed US_SSN fails closed instead of going public', async () => {
    const renamed: Policy = { ...policy, dataClasses: policy.dataClasses.map((dataClass) => ({ ...dataClass, entities: dataClass.entities.filter((name) => name !== 'US_SSN').concat(dataClass.name === 'restricted' ? ['US_SNN'] : []) })) };
    const output = await classifier.classify('My SSN is 536-22-8745');
    const verdict = classifyByPolicy(renamed, output.entities.map((entity) => entity.type));
    expect(verdict).toMatchObject({ dataClass: 'restricted', sensitive: true });
    expect(verdict.reasons.join(' ')).toContain('US_SSN found; no data class of the policy names it, so it fails closed');
  });
});

describe('issue #8 examples: ordinary prompts', () => {
  it.each([
    ['a private range in CIDR notation', 'Our VPC uses 10.0.0.0/16; how do I add a subnet for the staging cluster?'],
    ['acronyms such as VPC or SSN', 'Is SSN masking required in the CRM export, and should the VPC flow logs be kept?'],
    ['coordinates joined by a comma (not a phone number)', 'Coordinates 52.520008, 13.404954 and altitude 34 m; convert to UTC+1 local time 14:05:33.'],
  ])('%s is not kept local', async (_label, text) => {
    expect(await classify(text)).toMatchObject({ sensitive: false });
  });

  it('city names are places, not people', async () => {
    const record = await classify('Flights from Denver to Austin are cheaper in May.');
    expect(record.entities.map((entity) => entity.type)).not.toContain('PERSON');
  });

  it.each([
    ['a harassment investigation', 'We are running a harassment investigation into a team lead; outline the steps.'],
    ['a disciplinary case', 'Prepare the disciplinary case file for the warehouse incident.'],
    ['a grievance', 'A grievance was raised about the night shift supervisor.'],
  ])('%s without names is the HR topic (confidential)', async (_label, text) => {
    const record = await classify(text);
    expect(record.topics).toContain('hr');
    expect(record.sensitive).toBe(true);
  });

  it.each([
    ['Employee', 'Employee Jan Kowalski asked about his travel expenses.', 'Jan Kowalski'],
    ['Member', 'Member Ingrid Solberg renewed her plan.', 'Ingrid Solberg'],
    ['Refund request from', 'Refund request from Pieter Janssen for order 1182.', 'Pieter Janssen'],
  ])('a two-word name after "%s" is a person', async (_label, text, name) => {
    const record = await classify(text);
    expect(record.entities.filter((entity) => entity.type === 'PERSON').map((entity) => text.slice(entity.start, entity.end))).toEqual([name]);
  });
});
