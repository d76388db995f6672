/**
 * Upper bounds of one request's tokens and cost, known before it runs, for the ledger's
 * reservations. Input tokens are bounded by UTF-8 bytes (a BPE token is at least one byte) plus a
 * few per message for the chat template; output by the cap the gateway always passes; cost by the
 * dearest model of the policy on every rung the request might climb.
 */
import type { Policy } from '../routing/policy-schema.js';
import type { UsageEstimate } from './usage-ledger.js';

/** Template tokens per message (role markers), as chat templates add them. */
const templateTokensPerMessage = 8;

/** The bound for a request of `texts` capped at `maxOutputTokens` under `policy`. */
export function estimateUsage(policy: Policy, texts: readonly string[], maxOutputTokens: number): UsageEstimate {
  const inputTokens = texts.reduce((sum, text) => sum + Buffer.byteLength(text, 'utf8') + templateTokensPerMessage, 0);
  const prices = Object.values(policy.models).map((model) => model.price);
  const inputPrice = Math.max(0, ...prices.map((price) => price.inputPerMillionTokens));
  const outputPrice = Math.max(0, ...prices.map((price) => price.outputPerMillionTokens));
  // Each escalation rung is another full call; a confidence verifier is one more.
  const calls = 1 + policy.escalation.ladder.filter((rung) => rung !== 'human').length + (policy.confidence.verifierModel ? 1 : 0);
  return {
    tokens: inputTokens + maxOutputTokens,
    costUsd: (calls * (inputTokens * inputPrice + maxOutputTokens * outputPrice)) / 1_000_000,
  };
}
