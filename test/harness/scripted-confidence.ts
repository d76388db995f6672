/** Scripts the model-server doubles to answer with a chosen confidence per model, via token log-probabilities. */
import type { ModelServer } from '../doubles/model-server.js';

/** Answer `answer (model)` with every token at probability `confidence` (so the geometric mean is exactly it). */
export function scriptConfidence(server: ModelServer, confidenceByModel: Record<string, number>): void {
  server.script((call) => {
    const confidence = confidenceByModel[call.model] ?? 0.99;
    const text = `answer from ${call.model}`;
    return { text, logprobs: text.split(' ').map((token) => ({ token, logprob: Math.log(confidence) })) };
  });
}
