/**
 * A text derived from another one piece by piece, remembering for every output character which
 * span of the source produced it, so findings in the derived text map back exactly. Views stack:
 * a view of a view maps back through both.
 */

/** A derived text and the way back to the text it came from. */
export interface MappedText {
  text: string;
  /** Maps a non-empty span of `text` to the span of the source text it came from. */
  toOriginal(start: number, end: number): [number, number];
}

/** The identity map, for a view that changed nothing. */
export const IDENTITY_MAP = (start: number, end: number): [number, number] => [start, end];

/** Builds a derived text: append output with the source span each piece stands for. */
export class MappedTextBuilder {
  private readonly pieces: string[] = [];
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];

  /** Output `piece` for source span [sourceStart, sourceEnd); an empty piece drops the span. */
  append(piece: string, sourceStart: number, sourceEnd: number): void {
    this.pieces.push(piece);
    for (let index = 0; index < piece.length; index++) {
      this.starts.push(sourceStart);
      this.ends.push(sourceEnd);
    }
  }

  /** Copy source characters unchanged: each maps to itself. */
  copy(source: string, from: number, to: number): void {
    if (to <= from) return;
    this.pieces.push(source.slice(from, to));
    for (let index = from; index < to; index++) {
      this.starts.push(index);
      this.ends.push(index + 1);
    }
  }

  /** The derived text, mapped back through `parent` (the source's own map) when given. */
  build(parent: MappedText['toOriginal'] = IDENTITY_MAP): MappedText {
    const { starts, ends } = this;
    const text = this.pieces.join('');
    return {
      text,
      toOriginal: (start, end) => {
        // An empty span maps to the point where it sits.
        const sourceStart = starts[start] ?? ends[ends.length - 1] ?? 0;
        const sourceEnd = ends[Math.max(start, end - 1)] ?? sourceStart;
        return parent(sourceStart, Math.max(sourceStart + 1, sourceEnd));
      },
    };
  }
}
