/**
 * The structured classifier: runs synchronous detectors over every view of the text (canonical,
 * numeric and decoded blocks; see canonical/scan-views.ts), maps spans back, merges the findings and
 * fails closed on anything it cannot vouch for (exceptions, invalid findings, time budget,
 * over-limit or binary input).
 */
import type { Classifier, ClassifierOutput, DetectedEntity, DetectionMemo, Detector } from './classifier.js';
import { createDefaultDetectors } from './detectors/default-detectors.js';
import { NUMERIC_ENTITY_TYPES, scanViews, type ScanView, type ScanViewOptions } from './canonical/scan-views.js';
import { describeError, describeInputType, failedOutput } from './fail-closed.js';
import { mergeOverlappingEntities } from './merge-entities.js';

/** Default time budget for one text, checked between detectors. */
export const DEFAULT_TIMEOUT_MS = 5_000;
/** Default largest input; longer texts fail closed instead of tying up the worker. */
export const DEFAULT_MAX_INPUT_CHARS = 1_000_000;
/**
 * Share of control, replacement and lone-surrogate characters above which a text is treated as
 * binary or mis-decoded data: detectors cannot vouch for what such bytes encode, so it fails closed.
 */
export const MAX_UNREADABLE_SHARE = 0.1;
/** Below this many unreadable characters a text is never called binary (a stray NUL is noise). */
const MIN_UNREADABLE_FOR_BINARY = 8;

/** Options for {@link createStructuredClassifier}; each replaces the default it names. */
export interface StructuredClassifierOptions {
  /** Detectors to run, in order (default: every built-in detector). Must not be empty. */
  detectors?: readonly Detector[];
  /** Milliseconds after which remaining detectors are skipped and the output fails closed. */
  timeoutMs?: number;
  /** Longest text (UTF-16 code units) classified; a longer one fails closed unscanned. */
  maxInputChars?: number;
  /** Classifier name reported to callers (default "structured"). */
  name?: string;
  /**
   * Which views detectors read (default `all`; see {@link ScanViewOptions}). The others only
   * measure what the views cost: without them separators, digit words and encodings hide values.
   */
  views?: ScanViewOptions['views'];
  /** Numeric view only in windows around its changes (default true); false only to check the windows. */
  numericWindows?: boolean;
}

/** Creates a classifier that runs the given detectors and merges overlapping findings. */
export function createStructuredClassifier(options: StructuredClassifierOptions = {}): Classifier {
  const detectors = options.detectors ?? createDefaultDetectors();
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxInputChars = options.maxInputChars ?? DEFAULT_MAX_INPUT_CHARS;
  // Unset options keep scanViews' defaults (all views, numeric windows on).
  const viewOptions: ScanViewOptions = { views: options.views, numericWindows: options.numericWindows };
  // Which detectors also read the numeric views: decided once, not per request.
  const plan = detectors.map((detector) => ({ detector, numeric: detector.entityTypes.every((type) => NUMERIC_ENTITY_TYPES.has(type)) }));
  // A classifier with nothing to run would call every text clean: refuse to build one.
  if (detectors.length === 0) throw new Error('createStructuredClassifier: at least one detector is required');
  if (!(timeoutMs > 0)) throw new Error(`createStructuredClassifier: timeoutMs must be positive, got ${timeoutMs}`);
  if (!(maxInputChars > 0)) throw new Error(`createStructuredClassifier: maxInputChars must be positive, got ${maxInputChars}`);
  return {
    name: options.name ?? 'structured',
    async classify(text: string): Promise<ClassifierOutput> {
      const startedAt = performance.now();
      try {
        return runDetectors(text, plan, { timeoutMs, maxInputChars, viewOptions }, startedAt);
      } catch (error) {
        // Only a bug in this file gets here (detector errors are caught per detector).
        return failedOutput(`structured classifier error: ${describeError(error)}`, [], startedAt);
      }
    },
  };
}

function runDetectors(
  text: unknown,
  plan: readonly { detector: Detector; numeric: boolean }[],
  limits: { timeoutMs: number; maxInputChars: number; viewOptions: ScanViewOptions },
  startedAt: number,
): ClassifierOutput {
  if (typeof text !== 'string') {
    return failedOutput(`input is not a string (got ${describeInputType(text)})`, [], startedAt);
  }
  if (text.length > limits.maxInputChars) {
    return failedOutput(`input is ${text.length} characters, over the ${limits.maxInputChars}-character limit`, [], startedAt);
  }
  const found: DetectedEntity[] = [];
  const problems: string[] = [];
  const scan = scanViews(text, limits.viewOptions);
  if (scan.unreadable >= MIN_UNREADABLE_FOR_BINARY && scan.unreadable > MAX_UNREADABLE_SHARE * text.length) {
    problems.push(
      `input looks like binary or mis-decoded data: ${scan.unreadable} of ${text.length} characters are control, replacement (U+FFFD) or lone-surrogate characters`,
    );
  }
  // Detector by detector, each over every view it reads: the order of the detector list is kept
  // (secrets first, the slow name detector last), so a time budget cut skips the same detectors as before.
  const memo: DetectionMemo = new Map();
  const canonicalViews = scan.views.filter((view) => view.kind === 'canonical');
  // Plain index loops: this runs for every request, and per-step objects were garbage for the collector.
  scanning: for (let detectorIndex = 0; detectorIndex < plan.length; detectorIndex++) {
    const { detector, numeric } = plan[detectorIndex]!;
    const views = numeric ? scan.views : canonicalViews;
    for (let viewIndex = 0; viewIndex < views.length; viewIndex++) {
      const view = views[viewIndex]!;
      try {
        const problem = collectFindings(detector, view, detector.detect(view.text, memo), found);
        if (problem !== undefined) problems.push(problem);
      } catch (error) {
        problems.push(`detector "${detector.name}" threw ${describeError(error)}`);
      }
      const elapsed = performance.now() - startedAt;
      const lastStep = detectorIndex === plan.length - 1 && viewIndex === views.length - 1;
      // Detectors are synchronous, so the budget can only be enforced between them.
      if (elapsed > limits.timeoutMs && !lastStep) {
        const rest = plan.slice(detectorIndex + 1).map((step) => step.detector.name);
        const skipped = [...new Set(viewIndex < views.length - 1 ? [detector.name, ...rest] : rest)];
        problems.push(
          `timed out after ${Math.round(elapsed)} ms (limit ${limits.timeoutMs} ms) once detector "${detector.name}" finished; skipped ${skipped.join(', ')}`,
        );
        break scanning;
      }
    }
  }
  const entities = mergeOverlappingEntities(found);
  if (problems.length > 0) return failedOutput(problems.join('; '), entities, startedAt);
  return { entities, ms: performance.now() - startedAt };
}

/** A finding of a view as a finding of the original text (a decoded block's finding covers the block). */
function mapBack(entity: DetectedEntity, view: ScanView): DetectedEntity {
  const [start, end] = view.toOriginal(entity.start, entity.end);
  const reason = view.via === '' ? entity.reason : `${entity.reason} (${view.via})`;
  return start === entity.start && end === entity.end && reason === entity.reason ? entity : { ...entity, start, end, reason };
}

/**
 * Adds a view's well-formed findings to `found`, mapped back to the original text; a malformed one
 * means the detector is broken, so it is reported (the returned problem).
 */
function collectFindings(detector: Detector, view: ScanView, output: unknown, found: DetectedEntity[]): string | undefined {
  if (!Array.isArray(output)) return `detector "${detector.name}" returned ${describeInputType(output)} instead of an array`;
  let invalid = 0;
  for (const entity of output as unknown[]) {
    if (isWellFormed(entity, detector, view.text.length)) found.push(mapBack(entity, view));
    else invalid += 1;
  }
  return invalid === 0 ? undefined : `detector "${detector.name}" returned ${invalid} malformed finding(s) (type, span or score)`;
}

function isWellFormed(entity: unknown, detector: Detector, textLength: number): entity is DetectedEntity {
  if (typeof entity !== 'object' || entity === null) return false;
  const { type, start, end, score } = entity as Partial<DetectedEntity>;
  return (
    type !== undefined &&
    detector.entityTypes.includes(type) &&
    Number.isInteger(start) &&
    Number.isInteger(end) &&
    start! >= 0 &&
    start! < end! &&
    end! <= textLength &&
    typeof score === 'number' &&
    score >= 0 &&
    score <= 1
  );
}
