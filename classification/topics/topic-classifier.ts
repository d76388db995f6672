/**
 * Marks confidential topics in a text even when it holds no identifier ("I've been diagnosed with
 * depression and need time off" → health, hr). The model gives one distribution per text; a topic
 * is marked when the whole text leans to it, or when one sentence of a longer text is clearly
 * about it (a diagnosis inside a long general email must not be averaged away).
 */
import type { TopicScore } from '../classifier.js';
import { loadDefaultTopicExamples } from './topic-examples.js';
import { trainTopicModel, type TopicModel } from './topic-model.js';

/** Options for {@link createTopicClassifier}; each replaces the default it names. */
export interface TopicClassifierOptions {
  /**
   * Lowest whole-text score that marks a topic (default 0.2); the topic must also score at least
   * as high as the neutral topic. Low on purpose: a missed confidential topic can send data to the
   * cloud, an extra one only keeps it local. Must exceed 1 / topics, a text with no known word.
   */
  minScore?: number;
  /**
   * Lowest score one sentence needs to mark its topic by itself (default 0.6). Chosen on the
   * shipped examples: no ten-sentence general text was marked, and about half of the single
   * confidential sentences hidden in one were found (whole-text scoring alone found 1 %).
   */
  sentenceMinScore?: number;
  /** Topics that are never marked because they are not confidential (default ["general"]). */
  neutralTopics?: readonly string[];
}

/** What the classifier composition calls: confidential topics of a text, highest score first. */
export interface TopicClassifier {
  readonly model: TopicModel;
  classifyTopics(text: string): TopicScore[];
}

/** A sentence of fewer words than this is too thin to mark a topic on its own. */
const MIN_SENTENCE_WORDS = 4;

let defaultModel: TopicModel | undefined;

/** The model trained from the shipped `default-topics.jsonl`; trained on first use (~10-60 ms), then cached. */
export function defaultTopicModel(): TopicModel {
  defaultModel ??= trainTopicModel(loadDefaultTopicExamples());
  return defaultModel;
}

/** Creates a topic classifier over `model` (default: the shipped model). */
export function createTopicClassifier(model: TopicModel = defaultTopicModel(), options: TopicClassifierOptions = {}): TopicClassifier {
  const minScore = options.minScore ?? 0.2;
  const sentenceMinScore = options.sentenceMinScore ?? 0.6;
  const neutral = new Set(options.neutralTopics ?? ['general']);
  if (!(minScore > 1 / model.topics.length && minScore <= 1)) {
    throw new Error(`createTopicClassifier: minScore must be above 1/${model.topics.length} (the no-information score) and at most 1, got ${minScore}`);
  }
  if (!(sentenceMinScore > 0 && sentenceMinScore <= 1)) throw new Error(`createTopicClassifier: sentenceMinScore must be in (0, 1], got ${sentenceMinScore}`);
  return {
    model,
    classifyTopics(text: string): TopicScore[] {
      const marked = new Map<string, TopicScore>();
      const mark = (score: TopicScore): void => {
        const previous = marked.get(score.topic);
        if (!neutral.has(score.topic) && (!previous || score.score > previous.score)) marked.set(score.topic, score);
      };
      const scores = model.predict(text);
      // A topic must also beat the neutral topic: "banana bread recipe" may give legal 0.2, but
      // general more; a text that is general first is marked only where a topic outscores it.
      const neutralScore = Math.max(0, ...scores.filter((score) => neutral.has(score.topic)).map((score) => score.score));
      for (const score of scores) {
        if (score.score >= minScore && score.score >= neutralScore) mark({ ...score, reason: `whole text: ${score.reason}` });
      }
      const sentences = sentencesOf(text);
      // A one-sentence text was just scored whole.
      if (sentences.length > 1) {
        for (const sentence of sentences) {
          if (sentence.text.split(/\s+/).filter(Boolean).length < MIN_SENTENCE_WORDS) continue;
          const [top] = model.predict(sentence.text);
          if (top && top.score >= sentenceMinScore) mark({ ...top, reason: `sentence at ${sentence.start}-${sentence.end}: ${top.reason}` });
        }
      }
      return [...marked.values()].sort((left, right) => right.score - left.score || left.topic.localeCompare(right.topic));
    },
  };
}

/** A fenced code block (``` ... ```), closed or running to the end of the text. */
const CODE_FENCE = /```[^\n]*\n[\s\S]*?(?:```|$)/g;

/**
 * The sentences of a text (split after . ! ? or a line break), with their offsets. A fenced code
 * block is one unit: split at every "." it falls into fragments ("{ password: process.") that
 * read as the one sentence about a topic, when they are identifiers.
 */
function sentencesOf(text: string): Array<{ start: number; end: number; text: string }> {
  const sentences: Array<{ start: number; end: number; text: string }> = [];
  let proseStart = 0;
  const addProse = (end: number): void => {
    for (const match of text.slice(proseStart, end).matchAll(/[^.!?\n]+(?:[.!?]+|\n|$)/g)) {
      sentences.push({ start: proseStart + match.index, end: proseStart + match.index + match[0].length, text: match[0] });
    }
  };
  for (const block of text.matchAll(CODE_FENCE)) {
    addProse(block.index);
    sentences.push({ start: block.index, end: block.index + block[0].length, text: block[0] });
    proseStart = block.index + block[0].length;
  }
  addProse(text.length);
  return sentences;
}
