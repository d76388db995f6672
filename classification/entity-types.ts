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
  IBAN_CODE:
    'An International Bank Account Number (upper or lower case, plain or grouped) with a valid country length and mod-97 checksum.',
  US_SSN:
    'A US Social Security number with valid area, group and serial; bare 9 digits only when an SSN cue is the nearest label.',
  IP_ADDRESS: 'An IPv4 or IPv6 address (not a version string or part of a longer dotted number).',
  SECRET:
    'A credential: a vendor key or token shape (AWS, GitHub, GitLab, Slack, OpenAI, Anthropic, Stripe, Google, npm, PyPI, Hugging Face, SendGrid), a JSON Web Token, or a password / high-entropy value given for a key, secret or token.',
  PRIVATE_KEY: 'A PEM private-key block (-----BEGIN ... PRIVATE KEY-----), whole block as the span.',
  US_ITIN:
    'A US Individual Taxpayer Identification Number: 9NN-NN-NNNN with the 4th-5th digits in 50-65, 70-88, 90-92 or 94-99; bare 9 digits only beside an ITIN cue.',
  ABA_ROUTING_NUMBER:
    'A US bank routing number: 9 digits with a Federal Reserve prefix and the 3-7-1 checksum, only beside routing / ABA / RTN / bank words.',
  US_NPI: 'A US National Provider Identifier: 10 digits starting 1 or 2, Luhn-valid with the 80840 prefix, only beside NPI / provider words.',
  US_DEA_NUMBER: 'A US DEA registration number: registrant letter, letter or 9, then 7 digits ending in the DEA check digit.',
  DATE_OF_BIRTH:
    'A real past date (numeric, ISO, or with an English, German or French month name) nearest to a birth word: born, DOB, date of birth, birthday, geboren, né le.',
  MEDICAL_RECORD_NUMBER: 'An id of 5+ digits right after a label such as MRN, medical record no., patient ID, chart #, NHS number.',
  US_PASSPORT: 'A US passport book number (9 digits, or a letter and 8 digits) beside a passport word.',
  US_DRIVER_LICENSE: "A US driver's licence number in a common state shape (CA, FL, IL, NY, TX, WA, ...) beside a driver's-licence word or DL.",
  STREET_ADDRESS:
    'A street line: house number, street name and street type (St, Ave, Road, ...), or the German, French, Italian and Spanish forms ("Hauptstraße 5", "12 rue de la Paix", "Via Roma 10").',
  PERSON: "A person's name (local NLP model; robust to all-caps and common non-English names).",
  LOCATION: 'A place name: city, region or country.',
  ORGANIZATION: 'An organisation name: company, agency, institution.',
};

/** All entity types, in the order the descriptions list them. */
export const ENTITY_TYPES: readonly EntityType[] = Object.keys(ENTITY_TYPE_DESCRIPTIONS) as EntityType[];
