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

/** Anything other than printable ASCII, tab, CR and LF needs the slow path. */
const NEEDS_NORMALIZING = /[^\t\n\r\x20-\x7e]/;
const IDENTITY = (start: number, end: number): [number, number] => [start, end];

/** Normalizes `text` for detection; pure ASCII text is returned as is, at no cost. */
export function normalizeForScan(text: string): NormalizedText {
  if (!NEEDS_NORMALIZING.test(text)) return { text, unreadable: 0, toOriginal: IDENTITY };
  const output: string[] = [];
  // Where each output character starts and ends in the original (a tag character is two code units).
  const starts: number[] = [];
  const ends: number[] = [];
  let unreadable = 0;
  const emit = (character: string, from: number, to: number): void => {
    output.push(character);
    starts.push(from);
    ends.push(to);
  };
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        const codePoint = ((code - 0xd800) << 10) + (next - 0xdc00) + 0x10000;
        // Tag characters U+E0020-E007E spell ASCII invisibly; a model can still read them.
        if (codePoint >= 0xe0020 && codePoint <= 0xe007e) emit(String.fromCharCode(codePoint - 0xe0000), index, index + 2);
        else if (!(codePoint >= 0xe0000 && codePoint <= 0xe007f) && !(codePoint >= 0xe0100 && codePoint <= 0xe01ef)) {
          // One output code unit per input code unit keeps the span map simple.
          emit(text[index]!, index, index + 1);
          emit(text[index + 1]!, index + 1, index + 2);
        }
        index += 1;
        continue;
      }
      unreadable += 1; // lone high surrogate: dropped
      continue;
    }
    if (code >= 0xdc00 && code <= 0xdfff) {
      unreadable += 1; // lone low surrogate: dropped
      continue;
    }
    const folded = foldCharacter(code);
    if (folded === undefined) continue; // invisible formatting character: dropped
    if (folded === UNREADABLE) {
      unreadable += 1;
      emit(' ', index, index + 1);
      continue;
    }
    emit(folded, index, index + 1);
  }
  const normalized = output.join('');
  return {
    text: normalized,
    unreadable,
    toOriginal: (start, end) => [starts[start] ?? text.length, ends[end - 1] ?? text.length],
  };
}

const UNREADABLE = '\u0000';

/** The ASCII stand-in for one BMP code unit, UNREADABLE, or undefined to drop it. */
function foldCharacter(code: number): string | undefined {
  if (code < 0x80) {
    const isControl = (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f;
    return isControl ? UNREADABLE : String.fromCharCode(code);
  }
  if (code <= 0x9f || code === 0xfffd) return UNREADABLE; // C1 controls, the replacement character
  if (isInvisibleFormat(code)) return undefined;
  if (code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x202f || code === 0x205f || code === 0x3000) {
    return ' ';
  }
  if ((code >= 0x2010 && code <= 0x2015) || code === 0x2212 || code === 0xfe58 || code === 0xfe63) return '-';
  if (code >= 0xff01 && code <= 0xff5e) return String.fromCharCode(code - 0xfee0); // fullwidth ASCII
  // Arabic-Indic, Eastern Arabic-Indic and Devanagari digits read as digits to a model.
  for (const zero of [0x0660, 0x06f0, 0x0966]) {
    if (code >= zero && code <= zero + 9) return String.fromCharCode(0x30 + code - zero);
  }
  return String.fromCharCode(code);
}

/** Soft hyphen, zero-width and bidi controls, word joiners, variation selectors, BOM: no glyph of their own. */
function isInvisibleFormat(code: number): boolean {
  return (
    code === 0xad ||
    code === 0x034f ||
    code === 0x061c ||
    code === 0x180e ||
    (code >= 0x200b && code <= 0x200f) ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2060 && code <= 0x206f) ||
    (code >= 0xfe00 && code <= 0xfe0f) ||
    code === 0xfeff
  );
}
