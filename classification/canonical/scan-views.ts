/**
 * The texts detectors scan for one input: the canonical view, the numeric view (digit words read
 * as digits, separator runs made single; only in windows around the places it changes, see
 * numeric-windows.ts) and, recursively to a small depth, the same views of the
 * text with its encoded blocks decoded in place (one view per encoding, so the words around a
 * block still serve as cues). Each view maps its spans back to the original input; a finding
 * inside a decoded block maps to the whole encoded block.
 */
import type { EntityType } from '../classifier.js';
import { canonicalText, type CanonicalText } from './canonical-text.js';
import { decodedBlocks, type DecodedBlock } from './encoded-blocks.js';
import { IDENTITY_MAP, MappedTextBuilder, stackedViews, type BuiltText, type MappedText } from './mapped-text.js';
import { numberWordsView } from './number-words.js';
import { numericWindows } from './numeric-windows.js';
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
const MAX_DECODE_DEPTH = 2;
const CHARACTER_REFERENCE = /&(?:#\d|#[xX][0-9a-fA-F]|[A-Za-z]{2,8};)/;

/** Which views {@link scanViews} makes; the defaults are what the classifier uses. */
export interface ScanViewOptions {
  /**
   * `all` (default): canonical, numeric and decoded views. `canonical`: the canonical view alone.
   * `raw`: the input as is, as detectors read it before canonical views existed. The last two
   * only measure what the views cost: without them, spellings hide values.
   */
  views?: 'all' | 'canonical' | 'raw';
  /** Scan the numeric view only in windows around its changes (default true; false scans it whole, to check the windows). */
  numericWindows?: boolean;
}

/** The views of `text` and how many of its characters were unreadable. */
export function scanViews(text: string, options: ScanViewOptions = {}): { views: ScanView[]; unreadable: number } {
  const views = options.views ?? 'all';
  if (views === 'all') return viewsAt(text, 0, options.numericWindows ?? true);
  const canonical = views === 'raw' ? { ...canonicalText(text), text, toOriginal: IDENTITY_MAP } : canonicalTwice(text);
  return { views: [{ text: canonical.text, toOriginal: canonical.toOriginal, kind: 'canonical', via: '' }], unreadable: canonical.unreadable };
}

function viewsAt(text: string, depth: number, windowed: boolean): { views: ScanView[]; unreadable: number } {
  const canonical = canonicalTwice(text);
  const views: ScanView[] = [{ ...canonical, kind: 'canonical', via: '' }];
  const numeric = numericView(canonical);
  if (numeric !== undefined) {
    const windows = windowed ? numericWindows(numeric.text, numeric.changes) : [[0, numeric.text.length] as const];
    for (const [start, end] of windows) {
      const window = start === 0 && end === numeric.text.length ? numeric : sliceOf(numeric, start, end);
      views.push({ text: window.text, toOriginal: window.toOriginal, kind: 'numeric', via: '' });
    }
  }
  if (depth < MAX_DECODE_DEPTH) {
    const blocks = decodedBlocks(canonical.text);
    for (const encoding of ENCODINGS) {
      const ofEncoding = blocks.filter((block) => block.encoding === encoding);
      if (ofEncoding.length === 0) continue;
      const decoded = decodedInPlace(canonical, ofEncoding);
      for (const inner of viewsAt(decoded.text, depth + 1, windowed).views) {
        const via = inner.via === '' ? `${encoding}-decoded` : `${inner.via} in ${encoding}-decoded`;
        views.push({ text: inner.text, kind: inner.kind, via, toOriginal: (start, end) => decoded.toOriginal(...inner.toOriginal(start, end)) });
      }
    }
  }
  return { views, unreadable: canonical.unreadable };
}

/**
 * The numeric view of a text (digit words as digits, then separator runs made single), with every
 * span where it differs from the text; undefined when it would not differ.
 */
export function numericView(source: MappedText): BuiltText | undefined {
  const words = numberWordsView(source);
  return stackedViews(words, separatorView(words ?? source));
}

const ENCODINGS: readonly DecodedBlock['encoding'][] = ['base64', 'hex', 'percent'];

/** Characters of context kept on each side of a decoded block: enough for the cue words detectors read. */
const BLOCK_CONTEXT = 80;

/**
 * Each block replaced by its decoding, with {@link BLOCK_CONTEXT} characters of the text around it
 * (the rest left out, so the cost follows the blocks, not the whole text); every decoded character
 * maps to its whole block.
 */
function decodedInPlace(source: MappedText, blocks: readonly DecodedBlock[]): MappedText {
  const builder = new MappedTextBuilder();
  let copiedTo = -1;
  for (const [index, block] of blocks.entries()) {
    const from = Math.max(block.start - BLOCK_CONTEXT, copiedTo, 0);
    // A line break stands for the text left out between two windows.
    if (copiedTo >= 0 && from > copiedTo) builder.append('\n', from - 1, from);
    builder.copy(source.text, from, block.start);
    // Spaces around the decoding keep it from gluing to the words beside the block.
    builder.append(` ${block.decoded} `, block.start, block.end);
    const to = Math.min(source.text.length, block.end + BLOCK_CONTEXT);
    const nextStart = blocks[index + 1]?.start ?? Number.POSITIVE_INFINITY;
    builder.copy(source.text, block.end, Math.min(to, nextStart));
    copiedTo = Math.min(to, nextStart);
  }
  return builder.build(source.toOriginal);
}

/** Characters [start, end) of a mapped text, still mapping to the original. */
function sliceOf(source: MappedText, start: number, end: number): MappedText {
  // A bound function, not a closure: see MappedTextBuilder.build.
  return { text: source.text.slice(start, end), toOriginal: shiftedToOriginal.bind(undefined, source, start) };
}

function shiftedToOriginal(source: MappedText, offset: number, from: number, to: number): [number, number] {
  return source.toOriginal(from + offset, to + offset);
}

/** Entities encoded twice ("&amp;#52;") are decoded twice; the first pass counts unreadable characters. */
function canonicalTwice(text: string): CanonicalText {
  const first = canonicalText(text);
  if (!CHARACTER_REFERENCE.test(first.text)) return first;
  const second = canonicalText(first.text);
  return { text: second.text, unreadable: first.unreadable, toOriginal: (start, end) => first.toOriginal(...second.toOriginal(start, end)) };
}
