/**
 * The classifier every Switchyard process builds the same way: the default engine, with a topic
 * model trained on the user's own examples when SWITCHYARD_TOPIC_MODEL names one.
 */
import type { Classifier } from '../classification/classifier.js';
import { createDefaultClassifier } from '../classification/default-classifier.js';
import { readTopicModelFile } from '../classification/topics/topic-model-file.js';

/** Build the configured classifier; a named topic model that cannot be read is an error, not a silent default. */
export async function classifierFromEnvironment(env: NodeJS.ProcessEnv = process.env): Promise<Classifier> {
  const modelFile = env.SWITCHYARD_TOPIC_MODEL;
  return createDefaultClassifier(modelFile ? { topicModel: await readTopicModelFile(modelFile) } : {});
}
