/** What the model-server double answers: scripted or a deterministic echo, with plausible token counts. */

/** One token's log-probability, in the shape both wire protocols use. */
export interface TokenLogprob {
  token: string;
  logprob: number;
}

/** A scripted answer: plain text, or text with per-token logprobs and a finish reason. */
export type ScriptedAnswer = string | { text: string; logprobs?: TokenLogprob[]; finishReason?: string };

/** A chat message as the double received it. */
export interface ReceivedMessage {
  role: string;
  content: string;
}

/** A structured-output request, protocol-neutral: any JSON (`json`) or JSON matching a schema. */
export interface ReceivedResponseFormat {
  kind: 'json' | 'json_schema';
  /** OpenAI's `json_schema.name`; Ollama's `format` has no name. */
  name?: string;
  schema?: unknown;
  /** OpenAI's `json_schema.strict`. */
  strict?: boolean;
}

/** What a script sees of a chat request, whichever protocol it came in on. */
export interface ChatCall {
  protocol: 'ollama' | 'openai';
  model: string;
  messages: ReceivedMessage[];
  maxTokens?: number;
  /** Set when the request asked for structured output, so a script can answer in JSON. */
  responseFormat?: ReceivedResponseFormat;
}

/** Computes the answer for one chat call (may be async, e.g. to read test state). */
export type AnswerFunction = (call: ChatCall) => ScriptedAnswer | Promise<ScriptedAnswer>;

/** An answer ready to put on the wire, already cut to the request's token limit. */
export interface ResolvedAnswer {
  tokens: string[];
  text: string;
  logprobs: TokenLogprob[];
  finishReason: string;
  promptTokens: number;
  completionTokens: number;
}

/** The default answer: `echo: ` and the first 40 characters of the last user message. */
export function defaultAnswer(call: ChatCall): string {
  const lastUser = [...call.messages].reverse().find((message) => message.role === 'user');
  return `echo: ${(lastUser?.content ?? '').slice(0, 40)}`;
}

/**
 * Splits text into word tokens that keep their leading whitespace, so joining them restores the text
 * exactly: trailing whitespace goes with the last word (a whitespace-only text is one token), so a
 * streamed answer's pieces add up to the non-streamed text.
 */
export function tokenize(text: string): string[] {
  return text.match(/\s*\S+(?:\s+$)?|^\s+$/g) ?? [];
}

/** Prompt tokens as a real tokenizer would roughly count them: words plus a few per message for the template. */
export function countPromptTokens(messages: ReceivedMessage[]): number {
  return messages.reduce((sum, message) => sum + tokenize(message.content).length + 4, 0);
}

/** Turns a scripted (or default) answer into tokens, logprobs, usage and a finish reason. */
export function resolveAnswer(answer: ScriptedAnswer, call: ChatCall): ResolvedAnswer {
  const scripted = typeof answer === 'string' ? { text: answer } : answer;
  let tokens = tokenize(scripted.text);
  // Deterministic, confident-looking default logprobs; tests that care script their own.
  let logprobs = scripted.logprobs ?? tokens.map((token, index) => ({ token, logprob: -0.01 * ((index % 5) + 1) }));
  let text = scripted.text;
  let finishReason = scripted.finishReason ?? 'stop';
  // Like a real server, stop at the request's output limit and say so.
  if (call.maxTokens !== undefined && call.maxTokens >= 0 && tokens.length > call.maxTokens) {
    tokens = tokens.slice(0, call.maxTokens);
    logprobs = logprobs.slice(0, call.maxTokens);
    text = tokens.join('');
    finishReason = 'length';
  }
  return {
    tokens,
    text,
    logprobs,
    finishReason,
    promptTokens: countPromptTokens(call.messages),
    completionTokens: tokens.length,
  };
}

/**
 * The `count` likeliest tokens the double reports at a position: the chosen token first, then
 * made-up alternatives ("<token>~1", ...) each one nat less likely. The double knows no real
 * alternatives; the shape and order are what clients read.
 */
export function alternativesOf(entry: TokenLogprob, count: number): TokenLogprob[] {
  return Array.from({ length: count }, (_, rank) => (rank === 0 ? { token: entry.token, logprob: entry.logprob } : { token: `${entry.token}~${rank}`, logprob: entry.logprob - rank }));
}
