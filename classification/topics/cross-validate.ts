/**
 * Stratified k-fold cross-validation of the topic model: each topic's examples are spread evenly
 * over the folds (after a seeded shuffle, so results are repeatable), the model is trained on
 * k-1 folds and scored on the held-out one, and the top prediction is compared with the label.
 */
import { seededRandom } from './seeded-random.js';
import { trainTopicModel, type TopicExample, type TopicTrainingOptions } from './topic-model.js';

/** Precision and recall for one topic, with how many held-out examples carried it. */
export interface TopicQuality {
  precision: number;
  recall: number;
  support: number;
}

/** Overall accuracy and per-topic quality over all held-out predictions. */
export interface CrossValidationResult {
  accuracy: number;
  folds: number;
  examples: number;
  perTopic: Record<string, TopicQuality>;
}

/** Fixed seed: the same examples always give the same folds and the same numbers. */
const SHUFFLE_SEED = 20_240_501;

/** Runs k-fold cross-validation (default 5 folds); needs at least `folds` examples. */
export function crossValidate(examples: readonly TopicExample[], folds = 5, options: TopicTrainingOptions = {}): CrossValidationResult {
  if (!Number.isInteger(folds) || folds < 2) throw new Error(`crossValidate: folds must be an integer of at least 2, got ${folds}`);
  if (examples.length < folds) throw new Error(`crossValidate: ${examples.length} examples cannot fill ${folds} folds`);
  const foldOf = assignFolds(examples, folds);
  const predicted: string[] = new Array<string>(examples.length);
  for (let fold = 0; fold < folds; fold++) {
    const training = examples.filter((_, index) => foldOf[index] !== fold);
    // A fold whose training part has one topic only cannot train a classifier; skip it.
    if (new Set(training.map((example) => example.topic)).size < 2) continue;
    const model = trainTopicModel(training, options);
    examples.forEach((example, index) => {
      if (foldOf[index] === fold) predicted[index] = model.predict(example.text)[0]!.topic;
    });
  }
  return summarise(examples, predicted, folds);
}

function assignFolds(examples: readonly TopicExample[], folds: number): number[] {
  const random = seededRandom(SHUFFLE_SEED);
  const byTopic = new Map<string, number[]>();
  examples.forEach((example, index) => {
    const indexes = byTopic.get(example.topic) ?? [];
    indexes.push(index);
    byTopic.set(example.topic, indexes);
  });
  const foldOf = new Array<number>(examples.length).fill(0);
  let offset = 0;
  for (const indexes of byTopic.values()) {
    // Fisher-Yates with a seeded generator, then deal the topic's examples round-robin.
    for (let position = indexes.length - 1; position > 0; position--) {
      const swap = Math.floor(random() * (position + 1));
      [indexes[position], indexes[swap]] = [indexes[swap]!, indexes[position]!];
    }
    // Continuing the deal across topics keeps fold sizes even when topics are small.
    indexes.forEach((exampleIndex, position) => (foldOf[exampleIndex] = (offset + position) % folds));
    offset += indexes.length;
  }
  return foldOf;
}

function summarise(examples: readonly TopicExample[], predicted: readonly (string | undefined)[], folds: number): CrossValidationResult {
  const topics = [...new Set(examples.map((example) => example.topic))].sort();
  let correct = 0;
  let scored = 0;
  const perTopic: Record<string, TopicQuality> = {};
  for (const topic of topics) {
    let truePositive = 0;
    let predictedCount = 0;
    let support = 0;
    examples.forEach((example, index) => {
      const guess = predicted[index];
      if (guess === undefined) return;
      if (example.topic === topic) support++;
      if (guess === topic) predictedCount++;
      if (guess === topic && example.topic === topic) truePositive++;
    });
    perTopic[topic] = { precision: predictedCount === 0 ? 0 : truePositive / predictedCount, recall: support === 0 ? 0 : truePositive / support, support };
  }
  examples.forEach((example, index) => {
    if (predicted[index] === undefined) return;
    scored++;
    if (predicted[index] === example.topic) correct++;
  });
  return { accuracy: scored === 0 ? 0 : correct / scored, folds, examples: scored, perTopic };
}

