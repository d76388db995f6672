/**
 * Labelled topic examples as JSONL, one `{"text": "...", "topic": "..."}` per line. Parsing keeps
 * going past a bad line and reports each one with its line number, so a user fixing a large file
 * sees every problem in one run.
 */
import { readFileSync } from 'node:fs';
import type { TopicExample } from './topic-model.js';

/** A line that could not be used, numbered from 1. */
export interface ExampleLineError {
  line: number;
  message: string;
}

/** Location of the shipped examples (health, legal, finance, hr, security, general). */
export const DEFAULT_TOPICS_FILE = new URL('./default-topics.jsonl', import.meta.url);

/** Longest topic name accepted; a longer one is almost certainly text in the wrong field. */
const MAX_TOPIC_LENGTH = 64;

/** Parses JSONL examples; blank lines are skipped, bad lines reported and skipped. */
export function parseTopicExamples(jsonl: string): { examples: TopicExample[]; errors: ExampleLineError[] } {
  const examples: TopicExample[] = [];
  const errors: ExampleLineError[] = [];
  for (const [index, raw] of jsonl.split(/\r?\n/).entries()) {
    const line = index + 1;
    if (raw.trim() === '') continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch (error) {
      errors.push({ line, message: `not valid JSON (${(error as Error).message})` });
      continue;
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      errors.push({ line, message: `expected an object {"text", "topic"}, got ${JSON.stringify(parsed)?.slice(0, 40)}` });
      continue;
    }
    const { text, topic } = parsed as { text?: unknown; topic?: unknown };
    if (typeof text !== 'string' || text.trim() === '') {
      errors.push({ line, message: `"text" must be a non-empty string, got ${text === undefined ? 'nothing' : JSON.stringify(text)?.slice(0, 40)}` });
      continue;
    }
    if (typeof topic !== 'string' || topic.trim() === '' || topic.trim().length > MAX_TOPIC_LENGTH) {
      errors.push({ line, message: `"topic" must be a non-empty string of at most ${MAX_TOPIC_LENGTH} characters, got ${topic === undefined ? 'nothing' : JSON.stringify(topic)?.slice(0, 80)}` });
      continue;
    }
    examples.push({ text, topic: topic.trim() });
  }
  return { examples, errors };
}

/** The shipped examples; throws if the shipped file has a bad line (a packaging bug). */
export function loadDefaultTopicExamples(): TopicExample[] {
  const { examples, errors } = parseTopicExamples(readFileSync(DEFAULT_TOPICS_FILE, 'utf8'));
  if (errors.length > 0) throw new Error(`default-topics.jsonl line ${errors[0]!.line}: ${errors[0]!.message}`);
  return examples;
}

/** Number of examples per topic, in first-seen order. */
export function countByTopic(examples: readonly TopicExample[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const { topic } of examples) counts.set(topic, (counts.get(topic) ?? 0) + 1);
  return counts;
}
