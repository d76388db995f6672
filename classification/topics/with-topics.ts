/**
 * Composition: wraps any classifier so its output also carries the confidential topics of the
 * text. A topic classifier that throws makes the whole output a failure (fail closed), keeping
 * the entities the inner classifier found.
 */
import type { Classifier, ClassifierOutput } from '../classifier.js';
import { describeError } from '../fail-closed.js';
import type { TopicClassifier } from './topic-classifier.js';

/** A classifier that runs `classifier`, then adds `topics` from `topicClassifier`. */
export function withTopics(classifier: Classifier, topicClassifier: TopicClassifier): Classifier {
  return {
    name: classifier.name,
    async classify(text: string): Promise<ClassifierOutput> {
      const output = await classifier.classify(text);
      const startedAt = performance.now();
      // The inner classifier already reported unusable input; there is nothing to score.
      if (typeof text !== 'string') return output;
      try {
        const topics = topicClassifier.classifyTopics(text);
        return { ...output, topics, ms: output.ms + (performance.now() - startedAt) };
      } catch (error) {
        const reason = `topic classifier threw: ${describeError(error)}`;
        return {
          ...output,
          failure: { reason: output.failure ? `${output.failure.reason}; ${reason}` : reason },
          ms: output.ms + (performance.now() - startedAt),
        };
      }
    },
  };
}
