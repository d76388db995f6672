/**
 * The record that makes redaction reversible. It holds the original values, so it stays on
 * premises (workflow history, encrypted by the payload codec) and never reaches a cloud backend.
 */
import type { EntityType } from '../classifier.js';

/** JSON-serialisable mapping from placeholders back to the values they replaced. */
export interface RedactionMapping {
  /** Format version; `restore` refuses a mapping whose version it does not know. */
  version: 1;
  /** One entry per placeholder, in order of first appearance in the prompt. */
  entries: RedactionEntry[];
}

/** One placeholder and the original text of each occurrence it replaced. */
export interface RedactionEntry {
  /** Exactly as written into the redacted text, e.g. `<PERSON_1>` or `<PERSON_1_x>`. */
  placeholder: string;
  type: EntityType;
  /**
   * The original text of every occurrence, in prompt order. Occurrences share a placeholder when
   * they are the same value after the type's normalisation, so their surface forms may differ
   * (`Jane@Example.com` and `jane@example.com`); keeping each one makes the round trip exact.
   */
  values: string[];
}

/** The mapping format version this code writes and reads. */
export const REDACTION_MAPPING_VERSION = 1;
