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
    const next = match[0].length === 0 ? afterCharacter(text, match.index, pattern.unicode) : pattern.lastIndex;
    visit(match);
    // Set again after `visit`: the same regex nested inside it would have moved it.
    pattern.lastIndex = next;
  }
}

/** The index after the character at `index` (a whole surrogate pair for a unicode regex). */
function afterCharacter(text: string, index: number, unicode: boolean): number {
  const code = text.charCodeAt(index);
  return unicode && code >= 0xd800 && code <= 0xdbff && index + 1 < text.length ? index + 2 : index + 1;
}
