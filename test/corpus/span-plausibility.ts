/**
 * Independent checks that a labelled span's text is what its type claims: cards re-validated with
 * Luhn, IBANs with mod 97, routing numbers with their checksum, and so on. They catch a label that
 * is off by a few characters or typed on the wrong value.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import validator from 'validator';
import type { EntityType } from '../../classification/classifier.js';
import { isValidRoutingNumber } from '../../classification/detectors/aba-routing-detector.js';
import { isLuhnValid } from '../../classification/detectors/card-brands.js';
import { findDates } from '../../classification/detectors/date-candidates.js';
import { normalizeForScan } from '../../classification/detectors/text-normalization.js';
import { isValidDeaNumber } from '../../classification/detectors/us-dea-detector.js';
import { isValidItin } from '../../classification/detectors/us-itin-detector.js';
import { isValidNpi } from '../../classification/detectors/us-npi-detector.js';
import { isIssuableSsn } from '../../classification/detectors/us-ssn-detector.js';

type Check = (value: string, compact: string) => boolean;

const isPhone = (value: string): boolean =>
  (['US', 'GB', 'DE', 'FR', 'IT'] as const).some((region) => parsePhoneNumberFromString(value, { defaultCountry: region })?.isValid() === true);

const CHECKS: Record<EntityType, Check> = {
  CREDIT_CARD: (_value, compact) => /^\d{13,19}$/.test(compact) && isLuhnValid(compact),
  IBAN_CODE: (_value, compact) => validator.isIBAN(compact.toUpperCase()),
  US_SSN: (_value, compact) => isIssuableSsn(compact),
  US_ITIN: (_value, compact) => isValidItin(compact),
  ABA_ROUTING_NUMBER: (_value, compact) => isValidRoutingNumber(compact),
  US_NPI: (_value, compact) => isValidNpi(compact),
  US_DEA_NUMBER: (value) => isValidDeaNumber(value),
  EMAIL_ADDRESS: (value) => validator.isEmail(value),
  IP_ADDRESS: (value) => validator.isIP(value),
  PHONE_NUMBER: (value) => isPhone(value),
  SECRET: (value) => value.length >= 6 && !/\s/.test(value),
  PRIVATE_KEY: (value) => /^-----BEGIN [A-Z ]*PRIVATE KEY-----\n/.test(value),
  DATE_OF_BIRTH: (value) => findDates(value).some((date) => date.start === 0 && date.end === value.length),
  MEDICAL_RECORD_NUMBER: (value) => (value.match(/\d/g) ?? []).length >= 5 && !/\s{2,}/.test(value),
  US_PASSPORT: (value) => /^(?:[A-Z]\d{8}|\d{9})$/.test(value),
  US_DRIVER_LICENSE: (value) => /^[A-Z0-9][A-Z0-9 -]{5,16}[A-Z0-9]$/.test(value) && (value.match(/\d/g) ?? []).length >= 6,
  STREET_ADDRESS: (value) => /\d/.test(value) && /\p{L}{2,}/u.test(value),
  PERSON: (value) => /^\p{Lu}/u.test(value) && !/\d/.test(value),
  LOCATION: (value) => /^\p{Lu}/u.test(value) && !/\d/.test(value),
  ORGANIZATION: (value) => /^\p{Lu}/u.test(value),
};

/** Why a labelled span is not plausible for its type, or undefined when it is. */
export function implausibility(type: EntityType, value: string): string | undefined {
  // Labels never start or end in whitespace or separating punctuation.
  if (/^[\s,.;:]|[\s,;:]$/.test(value)) return 'span starts or ends with whitespace or punctuation';
  // Compare digits as a model would read them: invisible characters dropped, look-alikes folded.
  const compact = normalizeForScan(value).text.replace(/[\s-]/g, '');
  return CHECKS[type](value, compact) ? undefined : `not a plausible ${type}`;
}
