/**
 * The classifier presets. `createDefaultClassifier` is the whole engine Switchyard uses unless told
 * otherwise: structured detectors with validators, named entities (PERSON, LOCATION, ORGANIZATION)
 * and confidential topics. `createStructuredOnlyClassifier` is the fast structured part alone.
 */
import type { Classifier } from './classifier.js';
import { createDefaultDetectors } from './detectors/default-detectors.js';
import { createNamedEntityDetector } from './named-entities/named-entity-detector.js';
import { createStructuredClassifier, type StructuredClassifierOptions } from './structured-classifier.js';
import { createTopicClassifier } from './topics/topic-classifier.js';
import type { TopicModel } from './topics/topic-model.js';
import { withTopics } from './topics/with-topics.js';

/** Options of the default preset; each replaces the preset's value. */
export interface DefaultClassifierOptions extends StructuredClassifierOptions {
  /** A topic model trained on the user's own examples (`switchyard topics train`). */
  topicModel?: TopicModel;
  /** Score a topic needs to be marked; 0.5 keeps one weak cue word from marking a harmless prompt. */
  topicMinScore?: number;
}

/** The full engine: structured detectors, then named entities (slowest, so last), then topics. */
export function createDefaultClassifier(options: DefaultClassifierOptions = {}): Classifier {
  const { topicModel, topicMinScore = 0.5, ...structured } = options;
  const classifier = createStructuredClassifier({ detectors: [...createDefaultDetectors(), createNamedEntityDetector()], name: 'default', ...structured });
  return withTopics(classifier, createTopicClassifier(topicModel, { minScore: topicMinScore }));
}

/** Structured detectors only: sub-millisecond on a 2 KB prompt; no names, no topics. */
export function createStructuredOnlyClassifier(options: StructuredClassifierOptions = {}): Classifier {
  return createStructuredClassifier({ detectors: createDefaultDetectors(), ...options });
}
