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
  | 'PRIVATE_KEY';

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

/** One structured detector (emails, cards, ...). Pure and synchronous; may throw on a bug. */
export interface Detector {
  readonly name: string;
  readonly entityTypes: readonly EntityType[];
  detect(text: string): DetectedEntity[];
}
