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
};

/** One sample per built-in detector, keyed by detector name. */
export const DETECTOR_SAMPLES: Record<string, DetectorSample> = {
  email: { text: 'Write to jane.doe@example.com today.', expected: ['jane.doe@example.com'] },
  phone: { text: 'Call +1 (415) 555-2671 or 020 7946 0018.', expected: ['+1 (415) 555-2671', '020 7946 0018'] },
  'payment-card': { text: 'Card 4111 1111 1111 1111, exp 12/29.', expected: ['4111 1111 1111 1111'] },
  iban: { text: 'Pay to DE89 3704 0044 0532 0130 00 please.', expected: ['DE89 3704 0044 0532 0130 00'] },
  'us-ssn': { text: 'Applicant 536-22-8745 signed.', expected: ['536-22-8745'] },
  'ip-address': { text: 'Hosts 192.168.1.10 and 2001:db8::ff00:42:8329 are down.', expected: ['192.168.1.10', '2001:db8::ff00:42:8329'] },
  'api-key': { text: `export OPENAI_API_KEY=${SAMPLE_KEYS.openai}`, expected: [SAMPLE_KEYS.openai] },
  jwt: { text: `Authorization header was ${SAMPLE_JWT} yesterday`, expected: [SAMPLE_JWT] },
  'private-key': { text: `Here is my key:\n${SAMPLE_PEM}\nthanks`, expected: [SAMPLE_PEM] },
  'credential-assignment': { text: 'db:\n  password: hunter2\n  host: db1', expected: ['hunter2'] },
  'keyword-entropy': { text: 'my api key is 9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c ok', expected: ['9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c'] },
};

const ADVERSARIAL_LENGTH = 100_000;
const fill = (unit: string): string => unit.repeat(Math.ceil(ADVERSARIAL_LENGTH / unit.length)).slice(0, ADVERSARIAL_LENGTH);

/** 100 KB inputs built to make a backtracking regex explode; every detector must return. */
export const ADVERSARIAL_INPUTS: Record<string, string> = {
  'dash-separated ones': fill('1-'),
  'repeated at-signs': fill('a@'),
  'repeated BEGIN': fill('-----BEGIN'),
  'repeated private-key headers': fill(`-----BEGIN RSA ${'PRIVATE'} KEY-----\n`),
  'long digit run': fill('1'),
  'space-separated digits': fill('1 '),
  'dotted digits': fill('1.'),
  'colon-separated digits': fill('1:'),
  'repeated opening parentheses': fill('(1'),
  'repeated plus-one': fill('+1 '),
  'repeated eyJ': fill('eyJ'),
  'repeated sk-': fill('sk-'),
  'repeated IBAN prefix': fill('DE89 '),
  'repeated assignments': fill('a=a:'),
  'repeated password labels': fill('password: '),
  'letters only': fill('a'),
  'base64 alphabet': fill('Ab0+/='),
  'dotted email-like': fill('a.b@c.'),
};

/** The exact substrings a detector reported, in report order. */
export function matchedTexts(detector: Detector, text: string): string[] {
  return detector.detect(text).map((entity) => text.slice(entity.start, entity.end));
}

/** The exact substrings of a set of findings. */
export function textsOf(entities: readonly DetectedEntity[], text: string): string[] {
  return entities.map((entity) => text.slice(entity.start, entity.end));
}
