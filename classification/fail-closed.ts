/**
 * Fail-closed helpers. A classifier that errs, stalls or gets unusable input must say so
 * (`failure`), never throw and never answer "clean": callers then treat the text as sensitive.
 */
import type { Classifier, ClassifierOutput, DetectedEntity } from './classifier.js';

/** A short description of a thrown value for a failure reason: "TypeError: x is undefined". */
export function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  try {
    return `non-Error thrown: ${String(error)}`;
  } catch {
    return 'non-Error thrown (unprintable)';
  }
}

/** What kind of value a non-string input was, for a failure reason. */
export function describeInputType(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'array';
  return typeof input;
}

/** A failed classification: the findings gathered so far plus the reason, timed from `startedAt`. */
export function failedOutput(reason: string, entities: DetectedEntity[], startedAt: number): ClassifierOutput {
  return { entities, failure: { reason }, ms: performance.now() - startedAt };
}

/**
 * Wraps a classifier so that a result later than `timeoutMs`, a thrown error, a rejected promise
 * or a non-string input becomes a `failure` output. Meant for asynchronous classifiers (a model
 * call); it cannot interrupt synchronous work, which the structured classifier bounds itself.
 */
export function withFailClosedTimeout(classifier: Classifier, timeoutMs: number): Classifier {
  return {
    name: classifier.name,
    async classify(text: string): Promise<ClassifierOutput> {
      const startedAt = performance.now();
      if (typeof text !== 'string') {
        return failedOutput(`input is not a string (got ${describeInputType(text)})`, [], startedAt);
      }
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timedOut = new Promise<ClassifierOutput>((resolve) => {
        timer = setTimeout(
          () => resolve(failedOutput(`classifier "${classifier.name}" timed out after ${timeoutMs} ms`, [], startedAt)),
          timeoutMs,
        );
      });
      // Promise.resolve().then(...) turns a synchronous throw inside classify() into a rejection.
      const classified = Promise.resolve()
        .then(() => classifier.classify(text))
        .catch((error: unknown) =>
          failedOutput(`classifier "${classifier.name}" threw: ${describeError(error)}`, [], startedAt),
        );
      try {
        return await Promise.race([classified, timedOut]);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
