/**
 * Token log-probabilities as servers send them, `[{ token, logprob }]` (OpenAI's
 * `choices[0].logprobs.content`, Ollama's top-level `logprobs`), read without trusting their shape:
 * a proxy or an older server may send anything, some send null entries.
 */
import type { ChatResult, TokenAlternative, TokenLogprob } from './backend.js';

/**
 * The entries that name their token and give a numeric logprob, each with its first `topLogprobs` of
 * the server's `top_logprobs` (none when 0): never more than asked, since llama.cpp's server sends 20
 * when `top_logprobs` is left out, and the tokens go into workflow history.
 */
export function tokenLogprobsOf(entries: unknown, topLogprobs = 0): TokenLogprob[] {
  return namedEntries(entries).map((entry) => {
    const top = topLogprobs > 0 ? namedEntries(entry.top_logprobs).slice(0, topLogprobs).map(alternativeOf) : [];
    return top.length > 0 ? { ...alternativeOf(entry), top } : alternativeOf(entry);
  });
}

interface WireEntry {
  token: string;
  logprob: number;
  top_logprobs?: unknown;
}

/** The entries that have a string token and a numeric logprob. */
function namedEntries(entries: unknown): WireEntry[] {
  if (!Array.isArray(entries)) return [];
  return entries.filter((entry: { token?: unknown; logprob?: unknown } | null): entry is WireEntry => typeof entry?.token === 'string' && typeof entry.logprob === 'number');
}

/** `{ token, logprob }` of an entry (extra fields, such as `bytes`, left out). */
function alternativeOf(entry: WireEntry): TokenAlternative {
  return { token: entry.token, logprob: entry.logprob };
}

/** A whole answer's numeric logprobs, with their tokens (and alternatives, as `tokenLogprobsOf`) when every one is named; none when `entries` is not a list. */
export function logprobsOf(entries: unknown, topLogprobs = 0): Pick<ChatResult, 'logprobs' | 'tokenLogprobs'> {
  if (!Array.isArray(entries)) return {};
  const logprobs = entries.map((entry: { logprob?: unknown } | null) => entry?.logprob).filter((value): value is number => typeof value === 'number');
  const tokenLogprobs = tokenLogprobsOf(entries, topLogprobs);
  return { logprobs, ...(tokenLogprobs.length === logprobs.length ? { tokenLogprobs } : {}) };
}

/** A streamed answer's logprobs, gathered chunk by chunk; none when no chunk named any. */
export function streamedLogprobs(tokenLogprobs: TokenLogprob[]): Pick<ChatResult, 'logprobs' | 'tokenLogprobs'> {
  return tokenLogprobs.length > 0 ? { logprobs: tokenLogprobs.map((entry) => entry.logprob), tokenLogprobs } : {};
}
