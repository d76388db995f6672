/**
 * Token log-probabilities as servers send them, `[{ token, logprob }]` (OpenAI's
 * `choices[0].logprobs.content`, Ollama's top-level `logprobs`), read without trusting their shape:
 * a proxy or an older server may send anything, some send null entries.
 */
import type { ChatResult, TokenLogprob } from './backend.js';

/** The entries that name their token and give a numeric logprob. */
export function tokenLogprobsOf(entries: unknown): TokenLogprob[] {
  if (!Array.isArray(entries)) return [];
  return entries
    .filter((entry: { token?: unknown; logprob?: unknown } | null) => typeof entry?.token === 'string' && typeof entry.logprob === 'number')
    .map((entry: { token: string; logprob: number }) => ({ token: entry.token, logprob: entry.logprob }));
}

/** A whole answer's numeric logprobs, with their tokens when every one is named; none when `entries` is not a list. */
export function logprobsOf(entries: unknown): Pick<ChatResult, 'logprobs' | 'tokenLogprobs'> {
  if (!Array.isArray(entries)) return {};
  const logprobs = entries.map((entry: { logprob?: unknown } | null) => entry?.logprob).filter((value): value is number => typeof value === 'number');
  const tokenLogprobs = tokenLogprobsOf(entries);
  return { logprobs, ...(tokenLogprobs.length === logprobs.length ? { tokenLogprobs } : {}) };
}

/** A streamed answer's logprobs, gathered chunk by chunk; none when no chunk named any. */
export function streamedLogprobs(tokenLogprobs: TokenLogprob[]): Pick<ChatResult, 'logprobs' | 'tokenLogprobs'> {
  return tokenLogprobs.length > 0 ? { logprobs: tokenLogprobs.map((entry) => entry.logprob), tokenLogprobs } : {};
}
