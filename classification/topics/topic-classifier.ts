/**
 * Marks confidential topics in a text even when it holds no identifier ("I've been diagnosed with
 * depression and need time off" → health, hr). The model gives one distribution per text; a topic
 * is marked when the whole text leans to it, or when one passage of a long text is clearly about
 * it (a diagnosis paragraph inside a long general email must not be averaged away).
 */
import type { TopicScore } from '../classifier.js';
import { loadDefaultTopicExamples } from './topic-examples.js';
import { trainTopicModel, type TopicModel } from './topic-model.js';

/** Options for {@link createTopicClassifier}; each replaces the default it names. */
export interface TopicClassifierOptions {
  /**
   * Lowest whole-text score that marks a topic (default 0.2). Low on purpose: a missed confidential
   * topic can send data to the cloud, an extra one only keeps it local. Must exceed 1 / topics,
   * the score of a text with no known word.
   */
  minScore?: number;
  /** Lowest score a single passage needs to mark its topic (default 0.5). */
  passageMinScore?: number;
  /** Topics that are never marked because they are not confidential (default ["general"]). */
  neutralTopics?: readonly string[];
}

/** What the classifier composition calls: confidential topics of a text, highest score first. */
export interface TopicClassifier {
  readonly model: TopicModel;
  classifyTopics(text: string): TopicScore[];
}

/** Passages are a few sentences: long enough to carry a topic, short enough not to dilute it. */
const PASSAGE_CHARS = 400;
/** A passage of fewer words than this is too thin to mark a topic on its own. */
const MIN_PASSAGE_WORDS = 4;

let defaultModel: TopicModel | undefined;

/** The model trained from the shipped `default-topics.jsonl`; trained on first use (~10-60 ms), then cached. */
export function defaultTopicModel(): TopicModel {
  defaultModel ??= trainTopicModel(loadDefaultTopicExamples());
  return defaultModel;
}

/** Creates a topic classifier over `model` (default: the shipped model). */
export function createTopicClassifier(model: TopicModel = defaultTopicModel(), options: TopicClassifierOptions = {}): TopicClassifier {
  const minScore = options.minScore ?? 0.2;
  const passageMinScore = options.passageMinScore ?? 0.5;
  const neutral = new Set(options.neutralTopics ?? ['general']);
  if (!(minScore > 1 / model.topics.length && minScore <= 1)) {
    throw new Error(`createTopicClassifier: minScore must be above 1/${model.topics.length} (the no-information score) and at most 1, got ${minScore}`);
  }
  return {
    model,
    classifyTopics(text: string): TopicScore[] {
      const marked = new Map<string, TopicScore>();
      const mark = (score: TopicScore): void => {
        const previous = marked.get(score.topic);
        if (!neutral.has(score.topic) && (!previous || score.score > previous.score)) marked.set(score.topic, score);
      };
      for (const score of model.predict(text)) {
        if (score.score >= minScore) mark({ ...score, reason: `whole text: ${score.reason}` });
      }
      const passages = passagesOf(text);
      // A one-passage text was just scored whole.
      if (passages.length > 1) {
        for (const passage of passages) {
          if (passage.text.split(/\s+/).length < MIN_PASSAGE_WORDS) continue;
          const [top] = model.predict(passage.text);
          if (top && top.score >= passageMinScore) mark({ ...top, reason: `passage at ${passage.start}-${passage.end}: ${top.reason}` });
        }
      }
      return [...marked.values()].sort((left, right) => right.score - left.score || left.topic.localeCompare(right.topic));
    },
  };
}

/** Consecutive sentences grouped up to PASSAGE_CHARS (a longer sentence is its own passage). */
function passagesOf(text: string): Array<{ start: number; end: number; text: string }> {
  const passages: Array<{ start: number; end: number; text: string }> = [];
  let start = 0;
  let end = 0;
  for (const match of text.matchAll(/[^.!?\n]*(?:[.!?]+|\n+|$)/g)) {
    if (match[0].length === 0) continue;
    const sentenceEnd = match.index + match[0].length;
    if (end > start && sentenceEnd - start > PASSAGE_CHARS) {
      passages.push({ start, end, text: text.slice(start, end) });
      start = end;
    }
    end = sentenceEnd;
  }
  if (end > start) passages.push({ start, end, text: text.slice(start, end) });
  return passages;
}
