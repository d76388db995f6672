/**
 * The placeholder grammar in one place: how redaction writes a placeholder and every variant that
 * restoration accepts. Redaction checks its own output with this same scanner, so what it writes
 * is always found again and nothing already in the prompt can be mistaken for one of its own.
 *
 * Accepted (T = entity type name, N = number, t = optional per-request tag):
 * - bracketed `<T_N>` / `<T_N_t>`: any letter case; `<`/`>` may be HTML-escaped (`&lt;`/`&gt;`);
 *   spaces or tabs inside the brackets; each `_` may also be `\_` (Markdown), `-` or spaces;
 * - bare `T_N` / `T_N_t`: type in upper case with `_` (or `\_`) only, not touching a letter,
 *   digit or underscore on either side.
 * Leading zeros in N are ignored; the tag compares case-insensitively.
 */
import type { EntityType } from '../classifier.js';
import { ENTITY_TYPES } from '../entity-types.js';

/** A placeholder-shaped run of text found by {@link findPlaceholders}. */
export interface PlaceholderMatch {
  start: number;
  end: number;
  /** The text as written, e.g. `< person_1 >`. */
  written: string;
  /** Canonical identity, e.g. `PERSON_1` or `PERSON_1_x`: equal keys mean the same placeholder. */
  key: string;
  /** True when the type part names an entity type (so an unresolved match is worth reporting). */
  knownType: boolean;
  /** True for the bare form, which counts only when it resolves. */
  bare: boolean;
}

const SEPARATOR = String.raw`(?:[ \t]*(?:\\?_|-)[ \t]*|[ \t]+)`;
const WORD = '[A-Za-z]+';
const TAG = '[A-Za-z][A-Za-z0-9]*';
const BRACKETED = String.raw`(?:<|&lt;)[ \t]*(${WORD}(?:${SEPARATOR}${WORD})*)${SEPARATOR}(\d+)(?:${SEPARATOR}(${TAG}))?[ \t]*(?:>|&gt;)`;
const BARE = String.raw`(?<![A-Za-z0-9_])([A-Z]+(?:\\?_[A-Z]+)*)\\?_(\d+)(?:\\?_(${TAG}))?(?![A-Za-z0-9_])`;
// Bracketed first: at the same position the whole bracketed form wins over a bare reading inside it.
// matchAll clones the expression, so sharing one global RegExp is safe.
const PLACEHOLDER = new RegExp(`${BRACKETED}|${BARE}`, 'g');
const SEPARATOR_RUN = new RegExp(SEPARATOR, 'g');
const KNOWN_TYPES: ReadonlySet<string> = new Set(ENTITY_TYPES);

/** Writes the canonical placeholder, e.g. `<PERSON_1>`, or `<PERSON_1_x>` with tag `x`. */
export function formatPlaceholder(type: EntityType, number: number, tag: string): string {
  return `<${canonicalKey(type, String(number), tag)}>`;
}

/** Every placeholder-shaped run in `text`, left to right, not overlapping. */
export function findPlaceholders(text: string): PlaceholderMatch[] {
  const found: PlaceholderMatch[] = [];
  for (const match of text.matchAll(PLACEHOLDER)) {
    const bare = match[1] === undefined;
    const typeWritten = (bare ? match[4] : match[1]) ?? '';
    const digits = (bare ? match[5] : match[2]) ?? '';
    const type = typeWritten.replace(SEPARATOR_RUN, '_').toUpperCase();
    const start = match.index;
    found.push({
      start,
      end: start + match[0].length,
      written: match[0],
      key: canonicalKey(type, digits, (bare ? match[6] : match[3]) ?? ''),
      knownType: KNOWN_TYPES.has(type),
      bare,
    });
  }
  return found;
}

function canonicalKey(type: string, digits: string, tag: string): string {
  // Strip leading zeros as text, so a long run of digits never loses precision as a number.
  const number = digits.replace(/^0+(?=\d)/, '');
  return tag === '' ? `${type}_${number}` : `${type}_${number}_${tag.toLowerCase()}`;
}
