/**
 * The adversarial generator: every structured sensitive value below, spelled by every
 * transformation family a person or a program would plausibly produce (separators, digits of other
 * scripts, invisible characters, words, encodings, casing, splitting across parts, ...), inside
 * sentences that carry the value's ordinary cue. Deterministic: the same cases every run.
 */
import type { EntityType } from '../../classification/classifier.js';

/** A sensitive value in its usual printed form, grouped as people print it. */
export interface SensitiveValue {
  type: EntityType;
  /** Groups of the printed form, e.g. ["4111", "1111", "1111", "1111"]; letters allowed (IBAN). */
  groups: readonly string[];
  /** The usual separator between groups. */
  separator: string;
  /** Sentences with `{}` where the value goes; each carries the value's ordinary cue. */
  templates: readonly string[];
}

/** One generated case: the request's parts (one part unless the family splits the value). */
export interface AdversarialCase {
  family: string;
  type: EntityType;
  /** The value as printed normally (for reports). */
  value: string;
  parts: { source: 'system' | 'user'; text: string }[];
  /** Every spelling of the value that appears in the parts (what must never reach cloud). */
  spellings: string[];
}

const CARD_TEMPLATES = ['My card {} was charged twice', 'Please refund the payment made with card number {} yesterday.', 'Visa: {}', 'Order #{} please refund', 'Invoice number {} is overdue'];
const SSN_TEMPLATES = ['My SSN is {}', 'Social security number: {} (for the tax form).', 'Update the employee record, SSN {}, today.'];
const IBAN_TEMPLATES = ['Please wire the deposit to IBAN {} by Friday.', 'iban: {}', 'Send it to my account {} thanks'];
const PHONE_TEMPLATES = ['Call me on {} after six.', 'TEL {}', 'My mobile is {}, text me when you land.'];
const ROUTING_TEMPLATES = ['Routing number {} for the direct deposit form.', 'ABA {} and account 00123456789.'];

/** The values every family is applied to. */
export const SENSITIVE_VALUES: readonly SensitiveValue[] = [
  { type: 'CREDIT_CARD', groups: ['4111', '1111', '1111', '1111'], separator: ' ', templates: CARD_TEMPLATES },
  { type: 'CREDIT_CARD', groups: ['5555', '5555', '5555', '4444'], separator: ' ', templates: CARD_TEMPLATES },
  { type: 'CREDIT_CARD', groups: ['3782', '822463', '10005'], separator: ' ', templates: CARD_TEMPLATES },
  { type: 'CREDIT_CARD', groups: ['6011', '1111', '1111', '1117'], separator: '-', templates: CARD_TEMPLATES },
  { type: 'US_SSN', groups: ['536', '22', '8745'], separator: '-', templates: SSN_TEMPLATES },
  { type: 'US_SSN', groups: ['472', '81', '3690'], separator: '-', templates: SSN_TEMPLATES },
  { type: 'IBAN_CODE', groups: ['GB82', 'WEST', '1234', '5698', '7654', '32'], separator: ' ', templates: IBAN_TEMPLATES },
  { type: 'IBAN_CODE', groups: ['DE89', '3704', '0044', '0532', '0130', '00'], separator: ' ', templates: IBAN_TEMPLATES },
  { type: 'PHONE_NUMBER', groups: ['+44', '20', '7946', '0958'], separator: ' ', templates: PHONE_TEMPLATES },
  { type: 'PHONE_NUMBER', groups: ['(415)', '555', '2671'], separator: ' ', templates: PHONE_TEMPLATES },
  { type: 'ABA_ROUTING_NUMBER', groups: ['021000021'], separator: '', templates: ROUTING_TEMPLATES },
  { type: 'CREDIT_CARD', groups: ['3530', '1113', '3330', '0000'], separator: ' ', templates: CARD_TEMPLATES },
  { type: 'US_SSN', groups: ['301', '44', '5821'], separator: '-', templates: SSN_TEMPLATES },
  { type: 'IBAN_CODE', groups: ['FR14', '2004', '1010', '0505', '0001', '3M02', '606'], separator: ' ', templates: IBAN_TEMPLATES },
  { type: 'PHONE_NUMBER', groups: ['+33', '1', '42', '68', '53', '00'], separator: ' ', templates: PHONE_TEMPLATES },
];

/** A transformation: the spelling of a value, or undefined where the family does not apply. */
interface Family {
  name: string;
  spell(value: SensitiveValue): string | undefined;
  /** Families that split the value across the system and user parts. */
  split?: boolean;
}

const DIGIT_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
const printed = (value: SensitiveValue): string => value.groups.join(value.separator);
const compact = (value: SensitiveValue): string => value.groups.join('');
const joinedWith = (separator: string) => (value: SensitiveValue): string | undefined => (value.groups.length > 1 ? value.groups.join(separator) : undefined);
/** Replaces every ASCII digit with the digit of another script, given its zero. */
const digitsFrom = (zero: number) => (value: SensitiveValue): string => printed(value).replace(/\d/g, (digit) => String.fromCodePoint(zero + Number(digit)));
const mapDigits = (table: readonly string[]) => (value: SensitiveValue): string => printed(value).replace(/\d/g, (digit) => table[Number(digit)]!);
const betweenCharacters = (inserted: string) => (value: SensitiveValue): string => [...printed(value)].join(inserted);
const isNumeric = (value: SensitiveValue): boolean => /^[\d\s()+-]+$/.test(compact(value));

const SUPERSCRIPT = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
const CIRCLED = ['⓪', '①', '②', '③', '④', '⑤', '⑥', '⑦', '⑧', '⑨'];
const NEGATIVE_CIRCLED = ['⓿', '❶', '❷', '❸', '❹', '❺', '❻', '❼', '❽', '❾'];

/** Every transformation family; each name is what the suite reports counts under. */
export const FAMILIES: readonly Family[] = [
  { name: 'printed', spell: printed },
  { name: 'compact', spell: (value) => (value.type === 'PHONE_NUMBER' ? undefined : compact(value)) },
  { name: 'dots', spell: joinedWith('.') },
  { name: 'dashes', spell: joinedWith('-') },
  { name: 'slashes', spell: joinedWith('/') },
  { name: 'underscores', spell: joinedWith('_') },
  { name: 'commas', spell: (value) => (value.type === 'PHONE_NUMBER' ? undefined : joinedWith(',')(value)) },
  { name: 'newlines', spell: joinedWith('\n') },
  { name: 'double spaces', spell: joinedWith('  ') },
  { name: 'spaced dashes', spell: joinedWith(' - ') },
  { name: 'mixed separators', spell: (value) => (value.groups.length > 2 ? value.groups.map((group, index) => (index === 0 ? group : `${[' ', '-', '.', '_'][index % 4]}${group}`)).join('') : undefined) },
  { name: 'space after every digit', spell: (value) => (value.type === 'IBAN_CODE' ? [...compact(value)].join(' ') : isNumeric(value) && value.type !== 'PHONE_NUMBER' ? [...compact(value)].join(' ') : undefined) },
  { name: 'fullwidth digits', spell: digitsFrom(0xff10) },
  { name: 'Arabic-Indic digits', spell: digitsFrom(0x0660) },
  { name: 'Devanagari digits', spell: digitsFrom(0x0966) },
  { name: 'Bengali digits', spell: digitsFrom(0x09e6) },
  { name: 'Thai digits', spell: digitsFrom(0x0e50) },
  { name: 'maths bold digits', spell: digitsFrom(0x1d7ce) },
  { name: 'maths monospace digits', spell: digitsFrom(0x1d7f6) },
  { name: 'circled digits', spell: mapDigits(CIRCLED) },
  { name: 'negative circled digits', spell: mapDigits(NEGATIVE_CIRCLED) },
  { name: 'superscript digits', spell: mapDigits(SUPERSCRIPT) },
  { name: 'combining marks on digits', spell: (value) => printed(value).replace(/\d/g, (digit) => `${digit}\u0301`) },
  { name: 'keycap digits', spell: (value) => printed(value).replace(/\d/g, (digit) => `${digit}\ufe0f\u20e3`) },
  { name: 'zero-width spaces', spell: betweenCharacters('\u200b') },
  { name: 'soft hyphens and joiners', spell: betweenCharacters('\u00ad\u2060') },
  { name: 'bidi marks', spell: betweenCharacters('\u200e') },
  { name: 'tag characters', spell: (value) => [...printed(value)].map((character) => String.fromCodePoint(0xe0000 + character.charCodeAt(0))).join('') },
  { name: 'no-break and thin spaces', spell: (value) => (value.groups.length > 1 ? value.groups.join(value.type === 'PHONE_NUMBER' ? '\u00a0' : '\u2009') : undefined) },
  { name: 'Unicode dashes', spell: (value) => (value.groups.length > 1 ? value.groups.join('\u2013') : undefined) },
  { name: 'HTML decimal entities', spell: (value) => [...printed(value)].map((character) => `&#${character.codePointAt(0)};`).join('') },
  { name: 'HTML hex entities', spell: (value) => [...printed(value)].map((character) => `&#x${character.codePointAt(0)!.toString(16)};`).join('') },
  { name: 'base64', spell: (value) => Buffer.from(printed(value)).toString('base64') },
  { name: 'base64url', spell: (value) => Buffer.from(`value: ${printed(value)}`).toString('base64url') },
  { name: 'hex', spell: (value) => Buffer.from(printed(value)).toString('hex') },
  { name: 'percent-encoding', spell: (value) => [...Buffer.from(printed(value))].map((byte) => `%${byte.toString(16).padStart(2, '0').toUpperCase()}`).join('') },
  { name: 'base64 of hex', spell: (value) => Buffer.from(Buffer.from(printed(value)).toString('hex')).toString('base64') },
  {
    name: 'English words',
    spell: (value) =>
      /^[\d\s()+-]+$/.test(printed(value))
        ? [...printed(value)]
            .filter((character) => /[\d+]/.test(character))
            .map((character) => (character === '+' ? 'plus' : DIGIT_WORDS[Number(character)]))
            .join(' ')
        : undefined,
  },
  {
    name: 'grouped words',
    spell: (value) =>
      isNumeric(value) && value.type !== 'PHONE_NUMBER'
        ? value.groups.map((group) => [...group].map((digit) => (digit === '0' ? 'oh' : DIGIT_WORDS[Number(digit)])).join('-')).join(', ')
        : undefined,
  },
  { name: 'lower case', spell: (value) => (/[A-Z]/.test(compact(value)) ? printed(value).toLowerCase() : undefined) },
  { name: 'lower case with dots', spell: (value) => (/[A-Z]/.test(compact(value)) ? value.groups.join('.').toLowerCase() : undefined) },
  { name: 'split across parts', spell: (value) => (value.type === 'CREDIT_CARD' && value.groups.length === 4 ? printed(value) : undefined), split: true },
  { name: 'split by words', spell: (value) => (value.type === 'CREDIT_CARD' && value.groups.length === 4 ? `${value.groups[0]} ${value.groups[1]} and it ends ${value.groups[2]} ${value.groups[3]}` : undefined) },
];

/** Every case of every family, in a fixed order. */
export function generateAdversarialCases(): AdversarialCase[] {
  const cases: AdversarialCase[] = [];
  for (const family of FAMILIES) {
    for (const value of SENSITIVE_VALUES) {
      const spelling = family.spell(value);
      if (spelling === undefined) continue;
      if (family.split) {
        const half = value.groups.length / 2;
        const first = value.groups.slice(0, half).join(value.separator);
        const second = value.groups.slice(half).join(value.separator);
        cases.push({
          family: family.name,
          type: value.type,
          value: printed(value),
          parts: [
            { source: 'system', text: `The customer's card starts ${first}` },
            { source: 'user', text: `and ends ${second}. Why was it charged twice?` },
          ],
          spellings: [first, second, spelling, compact(value)],
        });
        continue;
      }
      for (const template of value.templates) {
        cases.push({ family: family.name, type: value.type, value: printed(value), parts: [{ source: 'user', text: template.replace('{}', spelling) }], spellings: [spelling, compact(value), printed(value)] });
      }
    }
  }
  return cases;
}

/** One case of each family (its first), for the end-to-end sample. */
export function onePerFamily(cases: readonly AdversarialCase[]): AdversarialCase[] {
  return FAMILIES.flatMap((family) => cases.find((adversarialCase) => adversarialCase.family === family.name) ?? []);
}

/** One case of each family for each entity type it applies to (the end-to-end sample). */
export function onePerFamilyAndType(cases: readonly AdversarialCase[]): AdversarialCase[] {
  const seen = new Set<string>();
  return cases.filter((adversarialCase) => {
    const key = `${adversarialCase.family}/${adversarialCase.type}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Counts of cases per family, in family order. */
export function countByFamily(cases: readonly AdversarialCase[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const family of FAMILIES) counts.set(family.name, 0);
  for (const adversarialCase of cases) counts.set(adversarialCase.family, (counts.get(adversarialCase.family) ?? 0) + 1);
  return counts;
}
