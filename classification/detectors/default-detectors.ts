/** The built-in structured detectors, in the order the default classifier runs them. */
import type { Detector } from '../classifier.js';
import { createAbaRoutingDetector } from './aba-routing-detector.js';
import { createApiKeyDetector } from './api-key-detector.js';
import { createCredentialAssignmentDetector } from './credential-assignment-detector.js';
import { createDateOfBirthDetector } from './date-of-birth-detector.js';
import { createEmailDetector } from './email-detector.js';
import { createIbanDetector } from './iban-detector.js';
import { createIpAddressDetector } from './ip-address-detector.js';
import { createJwtDetector } from './jwt-detector.js';
import { createKeywordEntropyDetector } from './keyword-entropy-detector.js';
import { createMedicalRecordNumberDetector } from './medical-record-number-detector.js';
import { createPaymentCardDetector } from './payment-card-detector.js';
import { createPhoneDetector } from './phone-detector.js';
import { createPrivateKeyDetector } from './private-key-detector.js';
import { createSplitCardDetector } from './split-card-detector.js';
import { createStreetAddressDetector } from './street-address-detector.js';
import { createUsDeaDetector } from './us-dea-detector.js';
import { createUsDriverLicenseDetector } from './us-driver-license-detector.js';
import { createUsItinDetector } from './us-itin-detector.js';
import { createUsNpiDetector } from './us-npi-detector.js';
import { createUsPassportDetector } from './us-passport-detector.js';
import { createUsSsnDetector } from './us-ssn-detector.js';

/** New instances of every built-in detector. */
export function createDefaultDetectors(): Detector[] {
  // Secrets first: they are the costliest leak, so even a run cut short by the time budget reports them.
  return [
    createPrivateKeyDetector(),
    createApiKeyDetector(),
    createJwtDetector(),
    createCredentialAssignmentDetector(),
    createKeywordEntropyDetector(),
    createPaymentCardDetector(),
    createSplitCardDetector(),
    createIbanDetector(),
    createUsSsnDetector(),
    createUsItinDetector(),
    createAbaRoutingDetector(),
    createUsNpiDetector(),
    createUsDeaDetector(),
    createMedicalRecordNumberDetector(),
    createUsPassportDetector(),
    createUsDriverLicenseDetector(),
    createDateOfBirthDetector(),
    createEmailDetector(),
    createIpAddressDetector(),
    createStreetAddressDetector(),
    // Last: the slowest detector (a parser call per phone-shaped candidate).
    createPhoneDetector(),
  ];
}
