/**
 * `switchyard topics train <file>`: trains a topic model from the user's own JSONL examples
 * (`{"text", "topic"}` per line), reports k-fold cross-validated accuracy and per-topic precision
 * and recall, and writes the model JSON (default `<name>.model.json` next to the input).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import Table from 'cli-table3';
import { crossValidate } from '../classification/topics/cross-validate.js';
import { countByTopic, parseTopicExamples } from '../classification/topics/topic-examples.js';
import { trainTopicModel } from '../classification/topics/topic-model.js';

/** Options of `switchyard topics train`. */
export interface TrainTopicsOptions {
  /** Where to write the model (default: `<input name>.model.json` beside the input). */
  out?: string;
  /** Cross-validation folds (default 5). */
  folds?: number;
}

/** Fewest examples a topic needs: fewer cannot be cross-validated or learnt in any useful way. */
export const MIN_EXAMPLES_PER_TOPIC = 5;

const PREFIX = 'switchyard topics train:';

/**
 * Runs the command and returns its exit code: 0 on success; 1 when the file cannot be used
 * (unreadable, too few examples or topics) or when any line was skipped (the model is still
 * written from the good lines, so one run reports every problem).
 */
export async function trainTopicsCommand(file: string, options: TrainTopicsOptions = {}): Promise<number> {
  const folds = options.folds ?? 5;
  if (!Number.isInteger(folds) || folds < 2) {
    console.error(`${PREFIX} --folds must be an integer of at least 2, got ${folds}`);
    return 1;
  }
  let content: string;
  try {
    content = await readFile(file, 'utf8');
  } catch (error) {
    console.error(`${PREFIX} cannot read ${file}: ${(error as Error).message}`);
    return 1;
  }
  const { examples, errors } = parseTopicExamples(content);
  for (const { line, message } of errors) console.error(`${PREFIX} ${file}:${line}: ${message} (line skipped)`);

  const counts = countByTopic(examples);
  if (counts.size < 2) {
    console.error(`${PREFIX} ${file} has ${examples.length} usable example(s) in ${counts.size} topic(s); at least 2 topics are needed`);
    return 1;
  }
  const tooSmall = [...counts].filter(([, count]) => count < Math.max(MIN_EXAMPLES_PER_TOPIC, folds));
  if (tooSmall.length > 0) {
    const needed = Math.max(MIN_EXAMPLES_PER_TOPIC, folds);
    for (const [topic, count] of tooSmall) console.error(`${PREFIX} topic "${topic}" has ${count} example(s); at least ${needed} are needed`);
    console.error(`${PREFIX} no model written: add examples to the topic(s) above or remove them`);
    return 1;
  }

  const validation = crossValidate(examples, folds);
  const table = new Table({ head: ['topic', 'examples', 'precision', 'recall'] });
  for (const [topic, count] of [...counts].sort(([left], [right]) => left.localeCompare(right))) {
    const quality = validation.perTopic[topic];
    table.push([topic, count, percent(quality?.precision ?? 0), percent(quality?.recall ?? 0)]);
  }
  console.log(`${folds}-fold cross-validated accuracy: ${percent(validation.accuracy)} over ${validation.examples} examples`);
  console.log(table.toString());

  const out = options.out ?? join(dirname(file), `${basename(file, extname(file))}.model.json`);
  const model = trainTopicModel(examples);
  await writeFile(out, `${JSON.stringify(model.toJSON())}\n`, 'utf8');
  console.log(`model written to ${out} (${model.topics.length} topics, ${examples.length} examples)`);
  if (errors.length > 0) console.error(`${PREFIX} ${errors.length} line(s) skipped; see above`);
  return errors.length > 0 ? 1 : 0;
}

function percent(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}
