/** The default classifier preset: every built-in structured detector with default budgets. */
import type { Classifier } from './classifier.js';
import { createDefaultDetectors } from './detectors/default-detectors.js';
import { createStructuredClassifier, type StructuredClassifierOptions } from './structured-classifier.js';

/**
 * Creates the classifier Switchyard uses unless told otherwise; any option given replaces the
 * preset's value (detectors, timeoutMs, maxInputChars, name "structured").
 */
export function createDefaultClassifier(options: StructuredClassifierOptions = {}): Classifier {
  return createStructuredClassifier({ detectors: createDefaultDetectors(), ...options });
}
