/**
 * The classifier seam. A classifier finds sensitive entities in text; the routing policy (not the
 * classifier) decides which data class those entities imply, so one classifier serves any policy.
 */

/** Entity type names; Presidio's names where one exists so outside corpora can be scored. */
export type EntityType =
  | 'EMAIL_ADDRESS'
  | 'PHONE_NUMBER'
  | 'CREDIT_CARD'
  | 'IBAN_CODE'
  | 'US_SSN'
  | 'IP_ADDRESS'
  | 'SECRET'
  | 'PRIVATE_KEY'
  | 'US_ITIN'
  | 'ABA_ROUTING_NUMBER'
  | 'US_NPI'
  | 'US_DEA_NUMBER'
  | 'DATE_OF_BIRTH'
  | 'MEDICAL_RECORD_NUMBER'
  | 'US_PASSPORT'
  | 'US_DRIVER_LICENSE'
  | 'STREET_ADDRESS'
  | 'PERSON'
  | 'LOCATION'
  | 'ORGANIZATION';

/** A topic the topic classifier can mark (health, legal, finance, hr, security, general, or a user's own). */
export interface TopicScore {
  topic: string;
  /** 0..1 */
  score: number;
  reason: string;
}

/** One finding: where it is (UTF-16 offsets, end exclusive), how sure, and why. */
export interface DetectedEntity {
  type: EntityType;
  start: number;
  end: number;
  /** 0..1; validators decide, so a validated structured finding scores high. */
  score: number;
  /** Human-readable reason, e.g. "Luhn-valid 16-digit Visa number". */
  reason: string;
  /** Which detector produced it. */
  detector: string;
}

/** What a classifier returns for one text. */
export interface ClassifierOutput {
  entities: DetectedEntity[];
  /** Confidential topics found even without identifiers; absent when no topic classifier ran. */
  topics?: TopicScore[];
  /**
   * Set when any part of classification failed (exception, timeout, unparsable input). Callers
   * must then treat the text as the most restrictive class: classification fails closed.
   */
  failure?: { reason: string };
  /** Wall-clock milliseconds spent. */
  ms: number;
}

/** A classifier: text in, findings out. Must never throw for bad text; report `failure` instead. */
export interface Classifier {
  readonly name: string;
  classify(text: string): Promise<ClassifierOutput>;
}

/**
 * Scratch space for one classification, shared by the detector calls on every view of the same
 * text: a detector may keep the results of pure, costly checks here (a phone number parsed in the
 * canonical view is not parsed again in the numeric one). Each detector keys it by an object of its own.
 */
export type DetectionMemo = Map<object, unknown>;

/** One structured detector (emails, cards, ...). Pure and synchronous; may throw on a bug. */
export interface Detector {
  readonly name: string;
  readonly entityTypes: readonly EntityType[];
  detect(text: string, memo?: DetectionMemo): DetectedEntity[];
}
