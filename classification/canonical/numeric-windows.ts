/**
 * Where the numeric view is worth scanning: windows of it around every place where it differs
 * from the canonical text (spelled-out digits, separator runs made single, digits written one at
 * a time). Everywhere else the numeric view reads exactly like the canonical text, which every
 * detector scans whole, so the numeric detectors run a second time only where they can find
 * something new.
 *
 * Why the windows miss nothing the whole view would find:
 * - the views record every change they make, so every change is a seed;
 * - every window holds each seed plus {@link CHANGE_CONTEXT} characters on each side, more than the
 *   longest numeric finding plus the farthest cue a numeric detector reads (see below), so a
 *   finding that a change makes or alters is inside the window with all the text it depends on;
 * - a window ends only where no digit stands within {@link QUIET_RADIUS} characters on either side,
 *   so no digit group, digit run, IBAN or split-card chain (pieces at most 48 characters apart) is
 *   cut, and the text near the edge reads as in the whole view;
 * - a finding farther than that from every change reads the same text in the canonical view,
 *   where it is found.
 */
import { isAsciiDigitCode } from '../ascii-digits.js';

/**
 * Characters kept on each side of a change. The widest reach among the numeric detectors: a
 * split card (five pieces of at most 4 digits with at most 48 characters between them: 212) plus
 * its card word up to 80 characters before it (292). Every other numeric finding is shorter (a
 * card at most 37 characters, an IBAN at most 65, a phone run at most 145) and reads cues at most
 * 80 characters away; a longer digit run that decides a finding (a card run of many groups) has no
 * quiet point inside it, so the window's edge moves past it whole.
 */
export const CHANGE_CONTEXT = 320;
/** A window edge has no digit this close on either side (more than a split card's 48-character gap, half an IBAN's reach). */
export const QUIET_RADIUS = 64;
/**
 * The windows [start, end) of `text` (a numeric view) to scan, given the spans where it differs
 * from the canonical text (in order): disjoint, in order, empty when nothing changed.
 */
export function numericWindows(text: string, changes: readonly (readonly [number, number])[]): [number, number][] {
  const windows: [number, number][] = [];
  for (const [changeStart, changeEnd] of changes) {
    const start = Math.max(0, changeStart - CHANGE_CONTEXT);
    const end = Math.min(text.length, changeEnd + CHANGE_CONTEXT);
    const last = windows[windows.length - 1];
    if (last !== undefined && start <= last[1]) {
      if (end > last[1]) last[1] = quietPointAfter(text, end);
      continue;
    }
    const quietStart = quietPointBefore(text, start, last?.[1] ?? 0);
    if (last !== undefined && quietStart <= last[1]) last[1] = Math.max(last[1], quietPointAfter(text, end));
    else windows.push([quietStart, quietPointAfter(text, end)]);
  }
  return windows;
}

/** The first position at or after `index` with no digit within {@link QUIET_RADIUS} on either side (or the text's end). */
function quietPointAfter(text: string, index: number): number {
  let digitFree = 0;
  for (let position = Math.max(0, index - QUIET_RADIUS); position < text.length; position++) {
    digitFree = isAsciiDigitCode(text.charCodeAt(position)) ? 0 : digitFree + 1;
    if (digitFree === 2 * QUIET_RADIUS) return Math.max(index, position + 1 - QUIET_RADIUS);
  }
  return text.length;
}

/** The last position at or before `index`, not before `floor`, with no digit within {@link QUIET_RADIUS} on either side (else `floor`). */
function quietPointBefore(text: string, index: number, floor: number): number {
  let digitFree = 0;
  for (let position = Math.min(text.length, index + QUIET_RADIUS) - 1; position >= floor; position--) {
    digitFree = isAsciiDigitCode(text.charCodeAt(position)) ? 0 : digitFree + 1;
    if (digitFree === 2 * QUIET_RADIUS) return Math.min(index, position + QUIET_RADIUS);
  }
  return floor;
}

