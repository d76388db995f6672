/**
 * Encoded blocks a model (or a program on the other side) can decode: base64 (standard and URL
 * alphabets), hexadecimal and percent-encoding. Each block longer than a threshold that decodes to
 * readable UTF-8 text is handed back decoded, so the classifier can scan it like any other text.
 */
import { isUtf8 } from 'node:buffer';
import { forEachMatch } from '../regex-matches.js';

/** One decoded block: where it is in the scanned text and what it says. */
export interface DecodedBlock {
  start: number;
  end: number;
  encoding: 'base64' | 'hex' | 'percent';
  decoded: string;
}

/** Shortest encoded block decoded (characters); shorter runs are ids and hashes, not hidden text. */
const MIN_ENCODED_LENGTH = 12;
/*
 * Each pattern is one character class repeated (plus fixed padding), so matching is linear. Base64
 * may be wrapped (MIME inserts line breaks every 76 characters): a single newline is part of a block.
 * A block starts only where a run of its alphabet starts (the look-behind): finds the same blocks,
 * without re-scanning every word shorter than 12 characters from each of its letters.
 */
const BASE64_BLOCK = /(?<![A-Za-z0-9+/_-])[A-Za-z0-9+/_-]{12,}(?:\r?\n[A-Za-z0-9+/_-]+)*={0,2}/g;
const HEX_BLOCK = /(?<![0-9A-Za-z])(?:[0-9a-fA-F]{2}[ :]?){8,}(?![0-9A-Za-z])/g;
// Gaps between escapes are bounded: an unbounded `[^\s%]*` before a missing "%" would backtrack quadratically.
const PERCENT_BLOCK = /[^\s%]{0,64}(?:%[0-9A-Fa-f]{2}[^\s%]{0,64}){3,}/g;
/** A percent block needs an escape: text without one (most of it) skips the costlier block scan. */
const PERCENT_ESCAPE = /%[0-9A-Fa-f]{2}/;
/** Share of decoded characters that must be printable for a block to count as text. */
const MIN_PRINTABLE_SHARE = 0.9;
const decoder = new TextDecoder('utf-8');

/** Every block in `text` that decodes to readable text, in text order. */
export function decodedBlocks(text: string): DecodedBlock[] {
  const blocks: DecodedBlock[] = [];
  forEachMatch(text, BASE64_BLOCK, (match) => {
    const block = match[0];
    // Pure digits or pure letters are numbers and words, not base64 (their decodings are noise anyway).
    // (Separate tests: one pattern like /[a-z].*[A-Z]/ would backtrack quadratically on "aaaa...".)
    // Tested before the line breaks are taken out: most blocks are long words, which end here.
    if (!/[A-Za-z]/.test(block) || !(/[\d+/=_-]/.test(block) || (/[a-z]/.test(block) && /[A-Z]/.test(block)))) return;
    const decoded = decodeText(Buffer.from(block.replace(/\s/g, '').replace(/-/g, '+').replace(/_/g, '/'), 'base64'));
    if (decoded !== undefined) blocks.push({ start: match.index, end: match.index + block.length, encoding: 'base64', decoded });
  });
  forEachMatch(text, HEX_BLOCK, (match) => {
    const compact = match[0].replace(/[ :]/g, '');
    if (compact.length < MIN_ENCODED_LENGTH) return;
    const decoded = decodeText(Buffer.from(compact.length % 2 === 0 ? compact : compact.slice(0, -1), 'hex'));
    if (decoded !== undefined) blocks.push({ start: match.index, end: match.index + match[0].length, encoding: 'hex', decoded });
  });
  if (PERCENT_ESCAPE.test(text)) {
    forEachMatch(text, PERCENT_BLOCK, (match) => {
      const decoded = decodePercent(match[0]);
      if (decoded !== undefined) blocks.push({ start: match.index, end: match.index + match[0].length, encoding: 'percent', decoded });
    });
  }
  return blocks.sort((left, right) => left.start - right.start);
}

/** The bytes as text when they are valid UTF-8 and mostly printable; undefined otherwise. */
function decodeText(bytes: Buffer): string | undefined {
  if (bytes.length < 4) return undefined;
  // Not UTF-8: binary data, which the classifier cannot read into anything a model would see.
  // (Checked without decoding: most candidates are ids and long words, and a thrown decode error costs more than the scan.)
  if (!isUtf8(bytes)) return undefined;
  const text = decoder.decode(bytes);
  let printable = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code >= 0x20 || code === 0x09 || code === 0x0a || code === 0x0d) printable += 1;
  }
  return printable >= MIN_PRINTABLE_SHARE * text.length ? text : undefined;
}

function decodePercent(block: string): string | undefined {
  const bytes: number[] = [];
  for (let index = 0; index < block.length; index++) {
    if (block[index] === '%' && /^[0-9A-Fa-f]{2}$/.test(block.slice(index + 1, index + 3))) {
      bytes.push(Number.parseInt(block.slice(index + 1, index + 3), 16));
      index += 2;
    } else if (block[index] === '+') bytes.push(0x20);
    else bytes.push(...Buffer.from(block[index]!, 'utf8'));
  }
  return decodeText(Buffer.from(bytes));
}
