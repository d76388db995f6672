/**
 * Small helpers that tell whether a regex match stands alone or is a slice of a longer token
 * (an id, a version string, a longer number). Detectors reject slices to avoid false positives.
 */

const WORD_CHARACTER = /[\p{L}\p{N}_]/u;

/** True when the character at `index` is a letter, digit or underscore (false outside the text). */
export function isWordCharacterAt(text: string, index: number): boolean {
  const character = text[index];
  return character !== undefined && WORD_CHARACTER.test(character);
}

/** Up to `length` characters that end just before `index`. */
export function textBefore(text: string, index: number, length: number): string {
  return text.slice(Math.max(0, index - length), index);
}

/** Up to `length` characters that start at `index`. */
export function textAfter(text: string, index: number, length: number): string {
  return text.slice(index, index + length);
}

/** Only the ASCII digits of a string. */
export function digitsOf(value: string): string {
  return value.replace(/\D/g, '');
}

/** True when every character of a non-empty string is the same, e.g. "4444 4444". */
export function isAllSameCharacter(value: string): boolean {
  // Code unit by code unit, without an array of the characters (it runs per candidate on hot paths).
  // A first character outside the BMP never counts (as before: it was compared with its first half).
  if (value.length === 0 || value.codePointAt(0)! > 0xffff) return false;
  const first = value.charCodeAt(0);
  for (let index = 1; index < value.length; index++) if (value.charCodeAt(index) !== first) return false;
  return true;
}
