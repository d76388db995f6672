/**
 * Every match of a global regex, the way `String.prototype.matchAll` gives them but without its
 * cost: `matchAll` clones the regex and makes an iterator on every call, and the classifier runs
 * dozens of scans per view of every request, where those clones were a large share of the garbage
 * that sets its tail latency (see bench/README.md, classifier).
 */

/**
 * Calls `visit` with each match of the global `pattern` in `text`, in order (after an empty match
 * the search moves on one character, as `matchAll`'s does). The pattern's `lastIndex` is scratch
 * state, restored after each `visit`, so `visit` may run the same regex object.
 */
export function forEachMatch(text: string, pattern: RegExp, visit: (match: RegExpExecArray) => void): void {
  // Like matchAll: a non-global regex would match the same place for ever.
  if (!pattern.global) throw new TypeError(`forEachMatch needs a global regex, got ${String(pattern)}`);
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    const next = match[0].length === 0 ? afterCharacter(text, match.index, isFullUnicode(pattern)) : pattern.lastIndex;
    visit(match);
    // Set again after `visit`: the same regex nested inside it would have moved it.
    pattern.lastIndex = next;
  }
}

/** Whether the regex reads code points (`u` or `v` flag); read only after an empty match, as `flags` builds a string. */
function isFullUnicode(pattern: RegExp): boolean {
  return pattern.unicode || pattern.flags.includes('v');
}

/** The index after the character at `index` (a whole surrogate pair for a unicode regex; a lone surrogate is one character). */
function afterCharacter(text: string, index: number, unicode: boolean): number {
  const code = text.charCodeAt(index);
  const next = text.charCodeAt(index + 1); // NaN past the end: no pair
  return unicode && code >= 0xd800 && code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff ? index + 2 : index + 1;
}
