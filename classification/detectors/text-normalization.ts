/**
 * What detectors scan: the canonical view of the text (see canonical/canonical-text.ts), so
 * "4111\u200B1111 1111 1111", "536–22–8745" (en dashes), fullwidth "４１１１...", Bengali digits or
 * Unicode tag characters (invisible "ASCII smuggling") cannot hide an entity that a model would
 * still read. Spans found in the scanned text are mapped back to the original.
 */
import { canonicalText, type CanonicalText } from '../canonical/canonical-text.js';

/** The text to scan, how many characters were unreadable, and how to map spans back. */
export type NormalizedText = CanonicalText;

/** Normalizes `text` for detection; text with nothing to change is returned as is, at no cost. */
export function normalizeForScan(text: string): NormalizedText {
  return canonicalText(text);
}
