/**
 * Light, per-type normalisation deciding when two findings are "the same value" and so share one
 * placeholder: the model then sees one person, one card, one account, as the prompt meant.
 */
import type { EntityType } from '../classifier.js';

type Normaliser = (value: string) => string;

// A value with nothing left after stripping keeps its exact text, so unrelated odd findings
// (no digits in a "card") never merge into one placeholder.
const exact: Normaliser = (value) => value;
const digitsOnly: Normaliser = (value) => value.replace(/[^0-9]/g, '') || value;
const alphanumericUpperCase: Normaliser = (value) => value.replace(/[^0-9A-Za-z]/g, '').toUpperCase() || value;
const lowerCase: Normaliser = (value) => value.trim().toLowerCase();
// NFC so a composed and a decomposed "é" are one name; toLowerCase is locale-independent.
const words: Normaliser = (value) => value.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();

// A Record over EntityType: the compiler rejects a new entity type that has no normalisation.
const NORMALISERS: Readonly<Record<EntityType, Normaliser>> = {
  EMAIL_ADDRESS: lowerCase,
  PHONE_NUMBER: digitsOnly,
  CREDIT_CARD: digitsOnly,
  // IBANs carry letters (country code, some BBANs), so digits alone would merge distinct accounts.
  IBAN_CODE: alphanumericUpperCase,
  US_SSN: digitsOnly,
  IP_ADDRESS: lowerCase,
  // Credentials are case-sensitive: two spellings are two secrets.
  SECRET: exact,
  PRIVATE_KEY: exact,
  US_ITIN: digitsOnly,
  ABA_ROUTING_NUMBER: digitsOnly,
  US_NPI: digitsOnly,
  US_DEA_NUMBER: alphanumericUpperCase,
  DATE_OF_BIRTH: words,
  MEDICAL_RECORD_NUMBER: alphanumericUpperCase,
  US_PASSPORT: alphanumericUpperCase,
  US_DRIVER_LICENSE: alphanumericUpperCase,
  STREET_ADDRESS: words,
  PERSON: words,
  LOCATION: words,
  ORGANIZATION: words,
};

/** The comparison form of an entity's text: equal results mean one placeholder. */
export function normaliseEntityValue(type: EntityType, value: string): string {
  const normalise = NORMALISERS[type];
  // Types come from JSON at runtime; an unknown one is a caller bug, not something to guess at.
  if (normalise === undefined) {
    throw new TypeError(`unknown entity type "${String(type)}"; known: ${Object.keys(NORMALISERS).join(', ')}`);
  }
  return normalise(value);
}
