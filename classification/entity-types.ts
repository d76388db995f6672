/**
 * Human descriptions of each entity type, for docs and CLI help. A `Record` over `EntityType`
 * makes the compiler reject a new type that has no description.
 */
import type { EntityType } from './classifier.js';

/** One line per entity type: what the classifier means by it. */
export const ENTITY_TYPE_DESCRIPTIONS: Readonly<Record<EntityType, string>> = {
  EMAIL_ADDRESS: 'An email address that passes RFC-style validation (local part, domain with a TLD).',
  PHONE_NUMBER:
    'A phone number valid under libphonenumber metadata: international (+...) or national US, GB, DE, FR.',
  CREDIT_CARD:
    'A payment card number (13-19 digits) that is Luhn-valid and matches a known brand prefix and length.',
  IBAN_CODE: 'An International Bank Account Number with a valid country length and mod-97 checksum.',
  US_SSN: 'A US Social Security number with valid area, group and serial (bare digits only beside an SSN cue).',
  IP_ADDRESS: 'An IPv4 or IPv6 address (not a version string or part of a longer dotted number).',
  SECRET:
    'A credential: a known API-key or token shape, a JSON Web Token, or a password / high-entropy value given for a key, secret or token.',
  PRIVATE_KEY: 'A PEM private-key block (-----BEGIN ... PRIVATE KEY-----), whole block as the span.',
  US_ITIN: 'A US Individual Taxpayer Identification Number (9NN-7N-NNNN / 9NN-8N-NNNN / 9NN-9N-NNNN ranges).',
  ABA_ROUTING_NUMBER: 'A US bank routing number (9 digits, ABA checksum) next to routing / ABA / bank words.',
  US_NPI: 'A US National Provider Identifier (10 digits, Luhn with the 80840 prefix) next to NPI / provider words.',
  US_DEA_NUMBER: 'A US DEA registration number (2 letters + 7 digits with the DEA checksum).',
  DATE_OF_BIRTH: 'A date next to words like "born", "DOB", "date of birth".',
  MEDICAL_RECORD_NUMBER: 'An identifier next to "MRN", "medical record", "patient id" and similar.',
  US_PASSPORT: 'A passport number next to a passport keyword.',
  US_DRIVER_LICENSE: "A driver's licence number next to a licence keyword.",
  STREET_ADDRESS: 'A street address: house number, street name and a street-type word (St, Ave, Road, ...).',
  PERSON: "A person's name (local NLP model; robust to all-caps and common non-English names).",
  LOCATION: 'A place name: city, region or country.',
  ORGANIZATION: 'An organisation name: company, agency, institution.',
};

/** All entity types, in the order the descriptions list them. */
export const ENTITY_TYPES: readonly EntityType[] = Object.keys(ENTITY_TYPE_DESCRIPTIONS) as EntityType[];
