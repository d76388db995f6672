/**
 * A request classified as one text: its parts (system, context, user, earlier turns) joined with a
 * line break, so a value split across parts is seen whole, with spans mapped back to the parts.
 */

/** The joined text and the way from one of its spans to the pieces of the parts it covers. */
export interface JoinedText {
  text: string;
  /** The part-relative spans that a span of the joined text covers (one per part touched). */
  pieces(start: number, end: number): { part: number; start: number; end: number }[];
}

/** The separator between parts: a line break, as a model reads consecutive messages. */
const PART_SEPARATOR = '\n';

/** Joins `texts` with {@link PART_SEPARATOR}. */
export function joinParts(texts: readonly string[]): JoinedText {
  const offsets: number[] = [];
  let length = 0;
  for (const text of texts) {
    offsets.push(length);
    length += text.length + PART_SEPARATOR.length;
  }
  return {
    text: texts.join(PART_SEPARATOR),
    pieces(start, end) {
      const pieces: { part: number; start: number; end: number }[] = [];
      texts.forEach((text, part) => {
        const from = Math.max(start, offsets[part]!) - offsets[part]!;
        const to = Math.min(end, offsets[part]! + text.length) - offsets[part]!;
        if (from < to) pieces.push({ part, start: from, end: to });
      });
      return pieces;
    },
  };
}
