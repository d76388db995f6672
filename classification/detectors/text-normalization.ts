/**
 * What detectors scan: the text with invisible characters removed and look-alike characters folded
 * to ASCII, so "4111\u200B1111 1111 1111", "536–22–8745" (en dashes), fullwidth "４１１１..." or
 * Unicode tag characters (invisible "ASCII smuggling") cannot hide an entity that a model would
 * still read. Spans found in the scanned text are mapped back to the original.
 */

/** The text to scan, how many characters were unreadable, and how to map spans back. */
export interface NormalizedText {
  text: string;
  /** Control, replacement (U+FFFD) and lone-surrogate characters: signs of binary or mis-decoded input. */
  unreadable: number;
  /** Maps a span of `text` to the span of the original text it came from. */
  toOriginal(start: number, end: number): [number, number];
}

/*
 * Every code unit (or pair) that changes: C0/C1 controls, NBSP, soft hyphen and other invisible
 * format characters, non-ASCII digits, Unicode spaces and dashes, variation selectors, fullwidth
 * ASCII, U+FFFD, tag characters (U+E0000-E007F) and supplementary variation selectors (as
 * surrogate pairs), and lone surrogates. No `u` flag: it works on UTF-16 code units, so a lone
 * surrogate can be matched at all. Ordinary accented letters and CJK text are not touched.
 */
// Control characters and combining marks in the class are the point of this pattern.
const CHANGING =
  // eslint-disable-next-line no-control-regex, no-misleading-character-class
  /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\xa0\xad\u034f\u061c\u0660-\u0669\u06f0-\u06f9\u0966-\u096f\u1680\u180e\u2000-\u2015\u2028-\u202f\u205f-\u206f\u2212\u3000\ufe00-\ufe0f\ufe58\ufe63\ufeff\uff01-\uff5e\ufffd]|\udb40[\udc00-\udc7f\udd00-\uddef]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const IDENTITY = (start: number, end: number): [number, number] => [start, end];

/** Normalizes `text` for detection; text with nothing to change is returned as is, at no cost. */
export function normalizeForScan(text: string): NormalizedText {
  CHANGING.lastIndex = 0;
  if (!CHANGING.test(text)) return { text, unreadable: 0, toOriginal: IDENTITY };
  const pieces: string[] = [];
  // Where lengths change: from output index `at` on, original index = output index + `shift`.
  const breaks: { at: number; shift: number }[] = [];
  let unreadable = 0;
  let copiedTo = 0;
  let outputLength = 0;
  let shift = 0;
  CHANGING.lastIndex = 0;
  for (let match = CHANGING.exec(text); match !== null; match = CHANGING.exec(text)) {
    const unchanged = text.slice(copiedTo, match.index);
    pieces.push(unchanged);
    outputLength += unchanged.length;
    const { replacement, isUnreadable } = replace(match[0]);
    if (isUnreadable) unreadable += 1;
    pieces.push(replacement);
    outputLength += replacement.length;
    if (replacement.length !== match[0].length) {
      shift += match[0].length - replacement.length;
      breaks.push({ at: outputLength, shift });
    }
    copiedTo = match.index + match[0].length;
  }
  pieces.push(text.slice(copiedTo));
  const originalIndex = (index: number): number => {
    // The last break at or before `index` gives its shift (binary search: breaks are in order).
    let low = 0;
    let high = breaks.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (breaks[middle]!.at <= index) low = middle + 1;
      else high = middle;
    }
    return index + (low === 0 ? 0 : breaks[low - 1]!.shift);
  };
  const normalized = pieces.join('');
  return {
    text: normalized,
    unreadable,
    toOriginal: (start, end) => {
      // The end maps from the last character inside the span, so dropped characters after it stay outside.
      const last = originalIndex(end - 1);
      // A tag character became one ASCII character but was two code units.
      const isFoldedPair = isHighSurrogate(text.charCodeAt(last)) && !isHighSurrogate(normalized.charCodeAt(end - 1));
      return [originalIndex(start), last + (isFoldedPair ? 2 : 1)];
    },
  };
}

const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;

/** The stand-in for one changing code unit or surrogate pair. */
function replace(unit: string): { replacement: string; isUnreadable: boolean } {
  const code = unit.charCodeAt(0);
  if (unit.length === 2) {
    const low = unit.charCodeAt(1);
    // Tag characters U+E0020-E007E spell ASCII invisibly, and a model can still read them.
    const isTagAscii = low >= 0xdc20 && low <= 0xdc7e;
    return { replacement: isTagAscii ? String.fromCharCode(low - 0xdc00) : '', isUnreadable: false };
  }
  if (code >= 0xd800 && code <= 0xdfff) return { replacement: '', isUnreadable: true }; // lone surrogate
  if (code <= 0x9f || code === 0xfffd) return { replacement: ' ', isUnreadable: true }; // controls, U+FFFD
  if (code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x202f || code === 0x205f || code === 0x3000) {
    return { replacement: ' ', isUnreadable: false };
  }
  if (code === 0x2028 || code === 0x2029) return { replacement: '\n', isUnreadable: false };
  if ((code >= 0x2010 && code <= 0x2015) || code === 0x2212 || code === 0xfe58 || code === 0xfe63) return { replacement: '-', isUnreadable: false };
  if (code >= 0xff01 && code <= 0xff5e) return { replacement: String.fromCharCode(code - 0xfee0), isUnreadable: false };
  // Arabic-Indic, Eastern Arabic-Indic and Devanagari digits read as digits to a model.
  for (const zero of [0x0660, 0x06f0, 0x0966]) {
    if (code >= zero && code <= zero + 9) return { replacement: String.fromCharCode(0x30 + code - zero), isUnreadable: false };
  }
  // What is left is invisible: soft hyphen, zero-width and bidi controls, joiners, variation selectors, BOM.
  return { replacement: '', isUnreadable: false };
}
