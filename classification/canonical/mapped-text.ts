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

/** A view built piece by piece: also where it differs from its source, and where a source position went. */
export interface BuiltText extends MappedText {
  /** Spans [start, end) of `text` that differ from the source (an empty span: something was dropped there), in order. */
  changes: readonly [number, number][];
  /** The position in `text` that source position `index` became (the start of its replacement, or where it was dropped). */
  fromSource(index: number): number;
}

/** The identity map, for a view that changed nothing. */
export const IDENTITY_MAP = (start: number, end: number): [number, number] => [start, end];

/** Builds a derived text: append output with the source span each piece stands for. */
export class MappedTextBuilder {
  private readonly pieces: string[] = [];
  /*
   * One entry per non-empty piece, not per character: a view is built for every request, and
   * per-character arrays were most of its allocations. A copied piece maps character by character
   * (`copied`), a replacement maps every character to its whole source span.
   */
  private readonly outputStarts: number[] = [];
  private readonly sourceStarts: number[] = [];
  private readonly sourceEnds: number[] = [];
  private readonly copied: boolean[] = [];
  private readonly changes: [number, number][] = [];
  private length = 0;

  /** Output `piece` for source span [sourceStart, sourceEnd); an empty piece drops the span. */
  append(piece: string, sourceStart: number, sourceEnd: number): void {
    this.markChanged(this.length, this.length + piece.length);
    if (piece.length === 0) return;
    this.push(piece, sourceStart, sourceEnd, false);
  }

  /** Records that output [start, end) differs from the source (for a change made of copies and drops). */
  markChanged(start: number, end: number): void {
    addSpan(this.changes, start, end);
  }

  /** Characters output so far. */
  get outputLength(): number {
    return this.length;
  }

  /** Copy source characters unchanged: each maps to itself. */
  copy(source: string, from: number, to: number): void {
    if (to <= from) return;
    this.push(source.slice(from, to), from, to, true);
  }

  /** The derived text, mapped back through `parent` (the source's own map) when given. */
  build(parent: MappedText['toOriginal'] = IDENTITY_MAP): BuiltText {
    const table: PieceTable = {
      outputStarts: this.outputStarts,
      sourceStarts: this.sourceStarts,
      sourceEnds: this.sourceEnds,
      copied: this.copied,
      length: this.length,
      parent,
    };
    // Bound module functions, not closures: under tsx (esbuild's keepNames) every closure made
    // here also had its name defined, a property write per view per request.
    return { text: this.pieces.join(''), changes: this.changes, fromSource: fromSourceIn.bind(undefined, table), toOriginal: toOriginalIn.bind(undefined, table) };
  }

  private push(piece: string, sourceStart: number, sourceEnd: number, isCopy: boolean): void {
    this.pieces.push(piece);
    this.outputStarts.push(this.length);
    this.sourceStarts.push(sourceStart);
    this.sourceEnds.push(sourceEnd);
    this.copied.push(isCopy);
    this.length += piece.length;
  }
}

/** A built text's pieces: where each starts in the output and the source span it stands for. */
interface PieceTable {
  readonly outputStarts: readonly number[];
  readonly sourceStarts: readonly number[];
  readonly sourceEnds: readonly number[];
  readonly copied: readonly boolean[];
  readonly length: number;
  readonly parent: MappedText['toOriginal'];
}

/** The source span of output character `index` (which must be inside the text). */
function sourceSpanOf(table: PieceTable, index: number): [number, number] {
  const piece = lastAtOrBefore(table.outputStarts, index);
  if (!table.copied[piece]) return [table.sourceStarts[piece]!, table.sourceEnds[piece]!];
  const at = table.sourceStarts[piece]! + index - table.outputStarts[piece]!;
  return [at, at + 1];
}

/** {@link BuiltText.fromSource} of a table. */
function fromSourceIn(table: PieceTable, index: number): number {
  const { outputStarts, sourceStarts, sourceEnds, copied, length } = table;
  const last = outputStarts.length - 1;
  // Pieces are built left to right, so their source starts only grow.
  const piece = lastAtOrBefore(sourceStarts, index);
  if (last < 0 || sourceStarts[piece]! > index) return 0;
  // Past the piece (a dropped source span): where the next piece starts.
  if (index >= sourceEnds[piece]!) return piece < last ? outputStarts[piece + 1]! : length;
  return copied[piece] ? outputStarts[piece]! + index - sourceStarts[piece]! : outputStarts[piece]!;
}

/** {@link MappedText.toOriginal} of a table. */
function toOriginalIn(table: PieceTable, start: number, end: number): [number, number] {
  const { length, sourceEnds } = table;
  const last = table.outputStarts.length - 1;
  // An empty span maps to the point where it sits.
  const sourceStart = start < length ? sourceSpanOf(table, start)[0] : last >= 0 ? sourceEnds[last]! : 0;
  const endIndex = Math.max(start, end - 1);
  const sourceEnd = endIndex < length ? sourceSpanOf(table, endIndex)[1] : sourceStart;
  return table.parent(sourceStart, Math.max(sourceStart + 1, sourceEnd));
}

/**
 * Two views in turn, `second` built over `first` (either may be undefined: it changed nothing):
 * `second`, with `first`'s changes, where they stand in `second`'s text, among its own.
 */
export function stackedViews(first: BuiltText | undefined, second: BuiltText | undefined): BuiltText | undefined {
  if (first === undefined || second === undefined) return second ?? first;
  return { ...second, changes: mergeChanges(second.changes, changesThrough(second, first.changes)) };
}

/** Spans of `view`'s source (its own changes, say) as spans of `view`'s text, in order. */
function changesThrough(view: BuiltText, sourceSpans: readonly [number, number][]): [number, number][] {
  return sourceSpans.map(([start, end]) => {
    const from = view.fromSource(start);
    return [from, end > start ? Math.max(from, view.fromSource(end - 1) + 1) : from];
  });
}

/** Two ordered lists of spans as one ordered list, overlapping or touching spans merged. */
function mergeChanges(left: readonly [number, number][], right: readonly [number, number][]): [number, number][] {
  const merged: [number, number][] = [];
  for (const [start, end] of [...left, ...right].sort((a, b) => a[0] - b[0])) addSpan(merged, start, end);
  return merged;
}

/** Appends [start, end) to ordered spans, merged into the last one when it overlaps or touches it. */
function addSpan(spans: [number, number][], start: number, end: number): void {
  const last = spans[spans.length - 1];
  if (last !== undefined && start <= last[1]) last[1] = Math.max(last[1], end);
  else spans.push([start, end]);
}

/** The index of the last entry of ascending `values` at or before `value` (0 when there is none). */
function lastAtOrBefore(values: readonly number[], value: number): number {
  let low = 0;
  let high = values.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (values[middle]! <= value) low = middle;
    else high = middle - 1;
  }
  return low;
}
