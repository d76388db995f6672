/**
 * Shared test fixtures: sample texts per detector and adversarial inputs. Token-shaped samples are
 * assembled at run time so secret scanners do not mistake this file for a leak.
 */
import type { DetectedEntity, Detector } from '../../classification/classifier.js';

/** A sample text for a detector and the exact substrings it must report. */
export interface DetectorSample {
  text: string;
  expected: string[];
}

/** A fake JWT (header {"alg":"HS256","typ":"JWT"}); the signature is not a real one. */
export const SAMPLE_JWT = [
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9',
  'eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkphbmUifQ',
  'c2lnbmF0dXJlLW5vdC1yZWFsLTEyMzQ1Njc4OTA',
].join('.');

/** A fake PEM private key (the body is random-looking base64, not a key). */
export const SAMPLE_PEM = [
  `-----BEGIN RSA ${'PRIVATE'} KEY-----`,
  'MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun',
  'VTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxK',
  'LxoGNvgnVgVdrNuf9BWz+Nbb3RlAZ0YNT==',
  `-----END RSA ${'PRIVATE'} KEY-----`,
].join('\n');

/** Fake vendor-shaped keys, one per shape the api-key detector knows. */
export const SAMPLE_KEYS = {
  openai: ['sk', 'proj', 'Abc123def456GHI789jkl012MNO345pqr'].join('-'),
  aws: ['AKIA', 'IOSFODNN7EXAMPLE'].join(''),
  github: ['ghp', 'a1B2'.repeat(9)].join('_'),
  githubFineGrained: ['github', 'pat', '11ABCDEFG0123456789abcdef_0123456789ABCDEFabcdef'].join('_'),
  slack: ['xoxb', '1234567890', '0987654321', 'AbCdEfGhIjKlMnOp'].join('-'),
  google: ['AIza', 'SyA1234567890abcdefghijklmnopqrstuv'].join(''),
  stripe: ['sk', 'live', '4eC39HqLyjWDarjtT1zdp7dc'].join('_'),
  anthropic: ['sk', 'ant', 'api03', 'tFzE3LVSHfOequrO3IhIT3t6Okmu6PWGWESq7oxAx0x_pUT8xWEVTkPs0axvjHYR9cEWjnTvbMEfKQptngbAA'].join('-'),
  gitlab: ['glpat', 'DT3959N1h48N7HGHgMWx'].join('-'),
  npm: ['npm', 'zwhHf0aclSSWSmMxmqKN1SLmmWY3GX6YcUQT'].join('_'),
  pypi: ['pypi', 'AgEIcHlwaS5vcmc' + 'Q2x1c3Rlcl9pZF9leGFtcGxlXzEyMzQ1Njc4OTBhYmNkZWZnaGlqa2xtbm9w'].join('-'),
  huggingFace: ['hf', 'qYLmVXY9fM5EMGCBhaGdtgGu7Gikffr32s'].join('_'),
  sendgrid: ['SG', '7mE2MNeCAULQEGYrwY0f22', 'WuUOjknNwIqB2IIoTXGAV8ezA3t0v39uZWB3zBUGWXL'].join('.'),
  slackWebhook: ['https://hooks.slack.com/services', 'T04AB12CD', 'B05EF34GH', 'aB3dE5fG7hI9jK1lM3nO5pQ7'].join('/'),
};

/** One sample per built-in detector, keyed by detector name. */
export const DETECTOR_SAMPLES: Record<string, DetectorSample> = {
  email: { text: 'Write to jane.doe@example.com today.', expected: ['jane.doe@example.com'] },
  phone: { text: 'Call +1 (415) 555-2671 or 020 7946 0018.', expected: ['+1 (415) 555-2671', '020 7946 0018'] },
  'payment-card': { text: 'Card 4111 1111 1111 1111, exp 12/29.', expected: ['4111 1111 1111 1111'] },
  'split-card': { text: 'The card starts 4111 1111 and ends 1111 1111, thanks.', expected: ['4111 1111 and ends 1111 1111'] },
  iban: { text: 'Pay to DE89 3704 0044 0532 0130 00 please.', expected: ['DE89 3704 0044 0532 0130 00'] },
  'us-ssn': { text: 'Applicant 536-22-8745 signed.', expected: ['536-22-8745'] },
  'ip-address': { text: 'Hosts 192.168.1.10 and 2001:db8::ff00:42:8329 are down.', expected: ['192.168.1.10', '2001:db8::ff00:42:8329'] },
  'api-key': { text: `export OPENAI_API_KEY=${SAMPLE_KEYS.openai}`, expected: [SAMPLE_KEYS.openai] },
  jwt: { text: `Authorization header was ${SAMPLE_JWT} yesterday`, expected: [SAMPLE_JWT] },
  'private-key': { text: `Here is my key:\n${SAMPLE_PEM}\nthanks`, expected: [SAMPLE_PEM] },
  'credential-assignment': { text: 'db:\n  password: hunter2\n  host: db1', expected: ['hunter2'] },
  'keyword-entropy': { text: 'my api key is 9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c ok', expected: ['9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c'] },
  'us-itin': { text: 'Her ITIN is 912-78-1234; order 912-40-1234 is not one.', expected: ['912-78-1234'] },
  'aba-routing': { text: 'Wire to routing number 021000021, account 123456789.', expected: ['021000021'] },
  'us-npi': { text: 'Referring provider NPI 1234567893, phone on file.', expected: ['1234567893'] },
  'us-dea': { text: 'Prescriber DEA# AB1234563 signed the script.', expected: ['AB1234563'] },
  'medical-record-number': { text: 'Patient seen today, MRN: 00482913, chart reviewed.', expected: ['00482913'] },
  'us-passport': { text: 'Passport number: C03005988, issued 2019.', expected: ['C03005988'] },
  'us-driver-license': { text: "Driver's license A1234567 (CA), expires 2027.", expected: ['A1234567'] },
  'date-of-birth': { text: 'DOB: 03/14/1985, admitted 2024-01-15.', expected: ['03/14/1985'] },
  'street-address': { text: 'Ship it to 221B Baker Street, London NW1 6XE.', expected: ['221B Baker Street'] },
};

const ADVERSARIAL_LENGTH = 100_000;

/** Repeating units built to make a backtracking regex explode, one or more per detector family. */
const ADVERSARIAL_UNITS: Record<string, string> = {
  'dash-separated ones': '1-',
  'repeated at-signs': 'a@',
  'repeated BEGIN': '-----BEGIN',
  'repeated private-key headers': `-----BEGIN RSA ${'PRIVATE'} KEY-----\n`,
  'long digit run': '1',
  'space-separated digits': '1 ',
  'dotted digits': '1.',
  'colon-separated digits': '1:',
  'repeated opening parentheses': '(1',
  'repeated plus-one': '+1 ',
  'repeated eyJ': 'eyJ',
  'repeated sk-': 'sk-',
  'repeated IBAN prefix': 'DE89 ',
  'repeated assignments': 'a=a:',
  'repeated password labels': 'password: ',
  'letters only': 'a',
  'base64 alphabet': 'Ab0+/=',
  'dotted email-like': 'a.b@c.',
  'repeated ITIN cues and near-ITINs': 'ITIN 912-78-123 ',
  'repeated routing cues and 9-digit runs': 'routing 021000021 ',
  'repeated NPI cues': 'NPI 123456789 ',
  'repeated DEA-like tokens': 'AB123456 ',
  'repeated date-of-birth cues and dates': 'DOB 03/14/1985 born 14 March ',
  'slash-separated small numbers': '1/1/',
  'repeated month names': 'March 14 ',
  'repeated MRN labels': 'MRN: 1-1-',
  'repeated passport cues': 'passport A1234567 ',
  'repeated licence cues with dashed groups': "driver's license A123-1-1-1-",
  'capitalised words after a number': '12 Main Oak Elm Pine ',
  'repeated German street stems': 'Hauptstraßenbahnhof ',
  'repeated French street openings': '12 rue de la ',
  'repeated Via with capitals': 'Via Roma Nord ',
  'zero-width characters between digits': '4\u200b1',
  'lone surrogates': '\ud800a',
};

/** Adversarial inputs of `length` characters each; every detector (and the classifier) must return. */
export function adversarialInputs(length: number): Record<string, string> {
  const fill = (unit: string): string => unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
  return Object.fromEntries(Object.entries(ADVERSARIAL_UNITS).map(([label, unit]) => [label, fill(unit)]));
}

/** 100 KB inputs built to make a backtracking regex explode; every detector must return. */
export const ADVERSARIAL_INPUTS: Record<string, string> = adversarialInputs(ADVERSARIAL_LENGTH);

/** The exact substrings a detector reported, in report order. */
export function matchedTexts(detector: Detector, text: string): string[] {
  return detector.detect(text).map((entity) => text.slice(entity.start, entity.end));
}

/** The exact substrings of a set of findings. */
export function textsOf(entities: readonly DetectedEntity[], text: string): string[] {
  return entities.map((entity) => text.slice(entity.start, entity.end));
}
