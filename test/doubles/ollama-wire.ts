/** Ollama's native wire format (`/api/*`), as much of it as the `ollama` client reads. */
import type { ServerResponse } from 'node:http';
import { alternativesOf, type ResolvedAnswer, type TokenLogprob } from './model-server-answers.js';
import { sendJson } from './send-json.js';

/** The version `/api/version` reports. */
export const doubleOllamaVersion = '0.0.0-model-server-double';

/** Ollama's error body: `{"error": "..."}`. */
export function ollamaError(message: string): { error: string } {
  return { error: message };
}

/** `GET /api/tags`: the models "pulled" on this server. */
export function ollamaTags(models: string[]): unknown {
  return {
    models: models.map((name) => ({
      name,
      model: name,
      modified_at: '2025-01-01T00:00:00Z',
      size: 1_000_000,
      digest: `sha256:${Buffer.from(name).toString('hex').padEnd(64, '0').slice(0, 64)}`,
      details: { parent_model: '', format: 'gguf', family: 'double', families: ['double'], parameter_size: '1B', quantization_level: 'Q4_0' },
    })),
  };
}

// Durations are nanoseconds on Ollama's wire; plausible constants keep answers deterministic.
function finalFields(answer: ResolvedAnswer): Record<string, unknown> {
  return {
    done: true,
    done_reason: answer.finishReason,
    total_duration: 5_000_000,
    load_duration: 1_000_000,
    prompt_eval_count: answer.promptTokens,
    prompt_eval_duration: 1_000_000,
    eval_count: answer.completionTokens,
    eval_duration: 3_000_000,
  };
}

// Ollama (0.12.11+) puts `logprobs: [{token, logprob, top_logprobs?}]` at the top level of each answer object.
function logprobEntries(entries: TokenLogprob[], topLogprobs: number): unknown[] {
  return entries.map((entry) => (topLogprobs > 0 ? { token: entry.token, logprob: entry.logprob, top_logprobs: alternativesOf(entry, topLogprobs) } : { token: entry.token, logprob: entry.logprob }));
}

/** `POST /api/chat`: one JSON object, or NDJSON chunks (one per token, then a `done` chunk) when streaming. */
export function sendOllamaChat(res: ServerResponse, model: string, answer: ResolvedAnswer, options: { stream: boolean; logprobs: boolean; topLogprobs: number }): void {
  const createdAt = new Date().toISOString();
  if (!options.stream) {
    sendJson(res, 200, {
      model,
      created_at: createdAt,
      message: { role: 'assistant', content: answer.text },
      ...(options.logprobs ? { logprobs: logprobEntries(answer.logprobs, options.topLogprobs) } : {}),
      ...finalFields(answer),
    });
    return;
  }
  res.writeHead(200, { 'content-type': 'application/x-ndjson' });
  answer.tokens.forEach((token, index) => {
    const entry = answer.logprobs[index];
    const logprobs = options.logprobs && entry ? { logprobs: logprobEntries([entry], options.topLogprobs) } : {};
    res.write(`${JSON.stringify({ model, created_at: createdAt, message: { role: 'assistant', content: token }, done: false, ...logprobs })}\n`);
  });
  res.end(`${JSON.stringify({ model, created_at: createdAt, message: { role: 'assistant', content: '' }, ...finalFields(answer) })}\n`);
}
