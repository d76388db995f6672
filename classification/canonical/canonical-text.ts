/**
 * The canonical view every detector reads: the text as a model would read it. Unicode compatibility
 * forms are folded (NFKC, one character at a time so spans map back), digits of every script and the
 * circled, superscript and mathematical digits become ASCII digits, combining marks and invisible
 * characters (zero-width, bidi controls, variation selectors, soft hyphen) are removed, Unicode
 * tag characters spell their ASCII, dashes and spaces become "-" and " ", and HTML character
 * references (&#52; &#x34; &amp;) are decoded.
 */
import { MappedTextBuilder, type MappedText, IDENTITY_MAP } from './mapped-text.js';

/** The canonical text, how many characters were unreadable, and the way back. */
export interface CanonicalText extends MappedText {
  /** Control, replacement (U+FFFD) and lone-surrogate characters: signs of binary or mis-decoded input. */
  unreadable: number;
}

// eslint-disable-next-line no-control-regex -- controls are what this looks for
const NEEDS_WORK = /[^\x09\x0a\x0d\x20-\x25\x27-\x7e]/;
/** Numeric, hexadecimal and the few named references people (and encoders) write. */
const CHARACTER_REFERENCE = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z]{2,8}));/y;
const NAMED_REFERENCES: Readonly<Record<string, string>> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', sol: '/', period: '.', comma: ',', colon: ':',
  hyphen: '-', dash: '-', ndash: '-', mdash: '-', num: '#', commat: '@', plus: '+', lowbar: '_', zwj: '', zwnj: '', shy: '',
};
const COMBINING_MARK = /^\p{M}$/u;
const DECIMAL_DIGIT = /^\p{Nd}$/u;
const INVISIBLE = /^[\p{Cf}\p{Default_Ignorable_Code_Point}]$/u;
const DASH = /^\p{Pd}$/u;
const SPACE = /^\p{Zs}$/u;
/** Dingbat digits that NFKC leaves alone: ❶-❿, ➀-➉, ➊-➓ (1-10), ⓵-⓾ (double circled 1-10), ⓫-⓴ (11-20). */
const DINGBAT_ONE = [0x2776, 0x2780, 0x278a, 0x24f5];
const DINGBAT_ELEVEN = 0x24eb;
/** Negative circled and dingbat zeros: ⓿, 🄋, 🄌. */
const DINGBAT_ZEROS = new Set([0x24ff, 0x1f10b, 0x1f10c]);

const cache = new Map<number, { replacement: string; unreadable: boolean }>();
/** An "&" that starts no reference stands for itself. */
const LITERAL_AMPERSAND = { replacement: '&', unreadable: false } as const;

/** The canonical view of `text`; text with nothing to change comes back as is, at no cost. */
export function canonicalText(text: string): CanonicalText {
  if (!NEEDS_WORK.test(text)) return { text, unreadable: 0, toOriginal: IDENTITY_MAP };
  // Made at the first character that changes: a text whose only "work" is an "&" that starts no
  // reference, or characters already canonical ("é"), comes back as is, at no cost.
  let builder: MappedTextBuilder | undefined;
  let unreadable = 0;
  let copiedTo = 0;
  let index = 0;
  while (index < text.length) {
    const code = text.charCodeAt(index);
    // Printable ASCII other than "&" is its own canonical form: copied in bulk below.
    if (code >= 0x20 && code < 0x7f && code !== 0x26) {
      index += 1;
      continue;
    }
    if (code === 0x09 || code === 0x0a || code === 0x0d) {
      index += 1;
      continue;
    }
    let length: number;
    let mapped: { replacement: string; unreadable: boolean };
    if (code === 0x26) {
      const reference = decodeReference(text, index);
      length = reference?.length ?? 1;
      // The decoded character is canonicalised too: "&#2535;" is a Bengali digit.
      mapped = reference === undefined ? LITERAL_AMPERSAND : canonicalOfString(reference.value);
    } else {
      const codePoint = text.codePointAt(index)!;
      const isPair = codePoint > 0xffff;
      length = isPair ? 2 : 1;
      mapped = canonicalOf(codePoint, isPair);
    }
    if (mapped.unreadable) unreadable += 1;
    else if (isSameText(mapped.replacement, text, index, length)) {
      // Already canonical: part of the run copied as is.
      index += length;
      continue;
    }
    builder ??= new MappedTextBuilder();
    builder.copy(text, copiedTo, index);
    builder.append(mapped.replacement, index, index + length);
    index += length;
    copiedTo = index;
  }
  if (builder === undefined) return { text, unreadable, toOriginal: IDENTITY_MAP };
  builder.copy(text, copiedTo, text.length);
  return { ...builder.build(), unreadable };
}

/** Whether `replacement` is exactly text[index, index + length) (compared without a slice). */
function isSameText(replacement: string, text: string, index: number, length: number): boolean {
  if (replacement.length !== length) return false;
  for (let offset = 0; offset < length; offset++) if (replacement.charCodeAt(offset) !== text.charCodeAt(index + offset)) return false;
  return true;
}

function decodeReference(text: string, index: number): { value: string; length: number } | undefined {
  CHARACTER_REFERENCE.lastIndex = index;
  const match = CHARACTER_REFERENCE.exec(text);
  if (match === null) return undefined;
  if (match[3] !== undefined) {
    const value = NAMED_REFERENCES[match[3].toLowerCase()];
    return value === undefined ? undefined : { value, length: match[0].length };
  }
  const codePoint = match[1] !== undefined ? Number(match[1]) : Number.parseInt(match[2]!, 16);
  if (codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff)) return undefined;
  return { value: String.fromCodePoint(codePoint), length: match[0].length };
}

function canonicalOfString(value: string): { replacement: string; unreadable: boolean } {
  let replacement = '';
  let unreadable = false;
  for (const character of value) {
    const code = character.codePointAt(0)!;
    // ASCII from a reference stays as is (an "&" decoded from "&amp;" is not decoded again).
    const mapped = code >= 0x20 && code < 0x7f ? { replacement: character, unreadable: false } : canonicalOf(code, code > 0xffff);
    replacement += mapped.replacement;
    unreadable ||= mapped.unreadable;
  }
  return { replacement, unreadable };
}

/** The stand-in for one code point (a lone surrogate arrives as itself). */
function canonicalOf(codePoint: number, isPair: boolean): { replacement: string; unreadable: boolean } {
  let mapped = cache.get(codePoint);
  if (mapped === undefined) {
    mapped = computeCanonical(codePoint, isPair);
    if (cache.size < 65_536) cache.set(codePoint, mapped);
  }
  return mapped;
}

function computeCanonical(codePoint: number, isPair: boolean): { replacement: string; unreadable: boolean } {
  const readable = (replacement: string) => ({ replacement, unreadable: false });
  // Lone surrogates, C0/C1 controls and U+FFFD: signs of binary or mis-decoded input.
  if (codePoint >= 0xd800 && codePoint <= 0xdfff && !isPair) return { replacement: '', unreadable: true };
  if (codePoint < 0x20 || (codePoint >= 0x7f && codePoint <= 0x9f) || codePoint === 0xfffd) return { replacement: ' ', unreadable: true };
  // Tag characters U+E0020-E007E spell ASCII invisibly, and a model can still read them.
  if (codePoint >= 0xe0020 && codePoint <= 0xe007e) return readable(String.fromCharCode(codePoint - 0xe0000));
  const character = String.fromCodePoint(codePoint);
  if (codePoint === 0x2028 || codePoint === 0x2029) return readable('\n');
  if (SPACE.test(character)) return readable(' ');
  if (DASH.test(character) || codePoint === 0x2212 || codePoint === 0x2010) return readable('-');
  if (COMBINING_MARK.test(character) || INVISIBLE.test(character)) return readable('');
  if (DECIMAL_DIGIT.test(character)) return readable(String(decimalValue(codePoint)));
  for (const one of DINGBAT_ONE) {
    if (codePoint >= one && codePoint < one + 10) return readable(String(codePoint - one + 1));
  }
  if (codePoint >= DINGBAT_ELEVEN && codePoint < DINGBAT_ELEVEN + 10) return readable(String(codePoint - DINGBAT_ELEVEN + 11));
  if (DINGBAT_ZEROS.has(codePoint)) return readable('0');
  const folded = character.normalize('NFKC');
  if (folded === character) return readable(character);
  // NFKC may yield marks or non-ASCII digits of its own ("ǅ" → "Dž"): fold those too.
  let replacement = '';
  for (const part of folded) {
    const code = part.codePointAt(0)!;
    if (COMBINING_MARK.test(part)) continue;
    replacement += DECIMAL_DIGIT.test(part) ? String(decimalValue(code)) : part;
  }
  return readable(replacement);
}

/** Unicode puts the digits 0-9 of each script in runs of ten (maths digits: five runs back to back). */
function decimalValue(codePoint: number): number {
  let blockStart = codePoint;
  while (blockStart > 0 && DECIMAL_DIGIT.test(String.fromCodePoint(blockStart - 1))) blockStart -= 1;
  return (codePoint - blockStart) % 10;
}
