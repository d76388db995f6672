/**
 * The never-broken rule for embeddings: a cloud embedder never receives sensitive text. Composition,
 * not a flag: the guard re-classifies every text (chunks at ingest, queries at retrieval) and
 * refuses before anything leaves. Classification failures fail closed.
 */
import type { Classifier } from '../classification/classifier.js';
import { verdictOf } from '../routing/data-classes.js';
import type { Policy } from '../routing/policy-schema.js';
import type { Embedder } from './embedder.js';
import { KnowledgeError } from './knowledge-error.js';

/** What the guard classifies with. */
export interface ClassificationContext {
  classifier: Classifier;
  policy: Policy;
}

/** Wraps a cloud embedder so sensitive text throws `SensitiveToCloud`; local embedders are returned as they are. */
export function guardCloudEmbedder(embedder: Embedder, context: ClassificationContext): Embedder {
  if (embedder.location !== 'cloud') return embedder;
  return {
    id: embedder.id,
    location: embedder.location,
    ...(embedder.dimensions === undefined ? {} : { dimensions: embedder.dimensions }),
    async embed(texts) {
      for (const [index, text] of texts.entries()) {
        const output = await context.classifier.classify(text);
        const verdict = verdictOf(context.policy, output);
        if (verdict.sensitive) {
          throw new KnowledgeError(
            'SensitiveToCloud',
            `Refusing to send text ${index + 1} of ${texts.length} to cloud embedder "${embedder.id}": it is ${verdict.dataClass} (${verdict.reasons.join('; ')}). Use a local embedder (lexical or Ollama) for sensitive knowledge.`,
          );
        }
      }
      return embedder.embed(texts);
    },
  };
}
