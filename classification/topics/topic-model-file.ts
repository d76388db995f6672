/** Reading a model written by `switchyard topics train` back from disk. */
import { readFile } from 'node:fs/promises';
import { topicModelFromJSON, type TopicModel } from './topic-model.js';

/** Loads a topic model JSON file; errors name the file and the first invalid field. */
export async function readTopicModelFile(path: string): Promise<TopicModel> {
  let data: unknown;
  try {
    data = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read topic model ${path}: ${(error as Error).message}`);
  }
  try {
    return topicModelFromJSON(data);
  } catch (error) {
    throw new Error(`${path}: ${(error as Error).message}`);
  }
}
