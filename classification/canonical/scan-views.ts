/**
 * The texts detectors scan for one input: the canonical view, the numeric view (digit words read
 * as digits, separator runs made single) and, recursively to a small depth, the same views of every
 * encoded block that decodes to text. Each view maps its spans back to the original input; a
 * finding inside a decoded block maps to the whole encoded block.
 */
import type { EntityType } from '../classifier.js';
import { canonicalText, type CanonicalText } from './canonical-text.js';
import { decodedBlocks } from './encoded-blocks.js';
import type { MappedText } from './mapped-text.js';
import { numberWordsView } from './number-words.js';
import { separatorView } from './separator-view.js';

/** One text to scan and what it is. */
export interface ScanView extends MappedText {
  /** `canonical` views get every detector; `numeric` views only the numeric ones. */
  kind: 'canonical' | 'numeric';
  /** How the view was reached, for reasons: "" for the input itself, else e.g. "base64-decoded". */
  via: string;
}

/** Entity types whose detectors read the numeric view. */
export const NUMERIC_ENTITY_TYPES: ReadonlySet<EntityType> = new Set<EntityType>([
  'CREDIT_CARD', 'IBAN_CODE', 'US_SSN', 'US_ITIN', 'ABA_ROUTING_NUMBER', 'US_NPI', 'US_PASSPORT', 'MEDICAL_RECORD_NUMBER',
  'US_DRIVER_LICENSE', 'PHONE_NUMBER',
]);
/** How many encodings deep a block is decoded ("base64 of hex of ..."). */
export const MAX_DECODE_DEPTH = 2;
const CHARACTER_REFERENCE = /&(?:#\d|#[xX][0-9a-fA-F]|[A-Za-z]{2,8};)/;

/** The views of `text` and how many of its characters were unreadable. */
export function scanViews(text: string, depth = 0): { views: ScanView[]; unreadable: number } {
  const canonical = canonicalTwice(text);
  const views: ScanView[] = [{ ...canonical, kind: 'canonical', via: '' }];
  const words = numberWordsView(canonical);
  const numeric = separatorView(words ?? canonical) ?? words;
  if (numeric !== undefined) views.push({ ...numeric, kind: 'numeric', via: '' });
  if (depth < MAX_DECODE_DEPTH) {
    for (const block of decodedBlocks(canonical.text)) {
      const [start, end] = canonical.toOriginal(block.start, block.end);
      const whole = (): [number, number] => [start, end];
      for (const inner of scanViews(block.decoded, depth + 1).views) {
        const via = inner.via === '' ? `${block.encoding}-decoded` : `${inner.via} in ${block.encoding}-decoded`;
        views.push({ text: inner.text, kind: inner.kind, via, toOriginal: whole });
      }
    }
  }
  return { views, unreadable: canonical.unreadable };
}

/** Entities encoded twice ("&amp;#52;") are decoded twice; the first pass counts unreadable characters. */
function canonicalTwice(text: string): CanonicalText {
  const first = canonicalText(text);
  if (!CHARACTER_REFERENCE.test(first.text)) return first;
  const second = canonicalText(first.text);
  return { text: second.text, unreadable: first.unreadable, toOriginal: (start, end) => first.toOriginal(...second.toOriginal(start, end)) };
}
