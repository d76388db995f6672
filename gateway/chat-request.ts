/**
 * The Chat Completions request the gateway accepts, validated with zod into OpenAI-style 400s that
 * name the offending field. Unknown top-level fields are refused as OpenAI does; fields the routed
 * workflow cannot honour yet (top_p, stop, seed, penalties) are accepted only where ignoring them
 * cannot change the answer's meaning.
 */
import { z } from 'zod';
import { MAX_TOP_LOGPROBS, RESPONSE_FORMAT_NAME } from '../workflows/routed-task-types.js';
import { invalidRequest, type GatewayError } from './gateway-error.js';

const textPart = z.looseObject({ type: z.literal('text'), text: z.string() });
const content = z.union([z.string(), z.array(textPart)]);

/** One message of any role OpenAI defines. */
const messageSchema = z.discriminatedUnion('role', [
  z.looseObject({ role: z.literal('system'), content }),
  z.looseObject({ role: z.literal('developer'), content }),
  z.looseObject({ role: z.literal('user'), content }),
  z.looseObject({ role: z.literal('assistant'), content: content.nullish() }),
  z.looseObject({ role: z.literal('tool'), content, tool_call_id: z.string() }),
  z.looseObject({ role: z.literal('function'), content: z.string().nullable(), name: z.string() }),
]);

const responseFormatSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('text') }),
  z.strictObject({ type: z.literal('json_object') }),
  z.strictObject({ type: z.literal('json_schema'), json_schema: z.looseObject({ name: z.string().regex(RESPONSE_FORMAT_NAME, 'letters, digits, _ or -, at most 64'), schema: z.record(z.string(), z.unknown()).optional(), strict: z.boolean().nullish(), description: z.string().optional() }) }),
]);

const optionalNumber = (min: number, max: number) => z.number().min(min).max(max).nullish();

/** Every field of OpenAI's CreateChatCompletionRequest; those marked refused must be absent or null. */
const chatRequestSchema = z.strictObject({
  model: z.string().min(1).max(256),
  messages: z.array(messageSchema).min(1),
  max_tokens: z.number().int().min(1).max(1_000_000).nullish(),
  max_completion_tokens: z.number().int().min(1).max(1_000_000).nullish(),
  temperature: optionalNumber(0, 2),
  top_p: optionalNumber(0, 1),
  response_format: responseFormatSchema.optional(),
  logprobs: z.boolean().nullish(),
  top_logprobs: z.number().int().min(0).max(MAX_TOP_LOGPROBS).nullish(),
  stream: z.boolean().nullish(),
  stream_options: z.looseObject({ include_usage: z.boolean().optional() }).nullish(),
  user: z.string().max(256).optional(),
  n: z.number().int().min(1).max(1).nullish(),
  stop: z.union([z.string(), z.array(z.string()).max(4)]).nullish(),
  frequency_penalty: optionalNumber(-2, 2),
  presence_penalty: optionalNumber(-2, 2),
  logit_bias: z.record(z.string(), z.number()).nullish(),
  seed: z.number().int().nullish(),
  metadata: z.record(z.string(), z.string()).nullish(),
  store: z.boolean().nullish(),
  service_tier: z.string().nullish(),
  reasoning_effort: z.string().nullish(),
  verbosity: z.string().nullish(),
  prompt_cache_key: z.string().optional(),
  safety_identifier: z.string().optional(),
  parallel_tool_calls: z.boolean().optional(),
  // Refused (no routed-workflow support): present and non-null is a 400 naming the field.
  tools: z.null().optional(),
  tool_choice: z.null().optional(),
  functions: z.null().optional(),
  function_call: z.null().optional(),
  audio: z.null().optional(),
  modalities: z.array(z.literal('text')).nullish(),
  prediction: z.null().optional(),
  web_search_options: z.null().optional(),
}).superRefine((request, context) => {
  // As OpenAI: alternatives are part of the token log-probabilities, which must be asked for.
  if (request.top_logprobs && request.logprobs !== true) context.addIssue({ code: 'custom', path: ['top_logprobs'], message: 'top_logprobs needs logprobs: true' });
});

/** A validated chat request. */
export type ChatCompletionRequest = z.output<typeof chatRequestSchema>;
/** One validated message. */
export type ChatRequestMessage = ChatCompletionRequest['messages'][number];

const refusedFields = new Set(['tools', 'tool_choice', 'functions', 'function_call', 'audio', 'prediction', 'web_search_options']);

/** OpenAI's way of naming a field: `messages[3].content`. */
export function paramOf(path: readonly PropertyKey[]): string {
  return path.reduce<string>((name, key) => (typeof key === 'number' ? `${name}[${key}]` : name ? `${name}.${String(key)}` : String(key)), '');
}

/** Validates a parsed JSON body; the first problem becomes a 400 naming its field. */
export function parseChatRequest(body: unknown): ChatCompletionRequest | GatewayError {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return invalidRequest('The request body must be a JSON object.', null, 'invalid_body');
  const parsed = chatRequestSchema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  if (issue.code === 'unrecognized_keys') return invalidRequest(`Unrecognized request argument supplied: ${issue.keys.join(', ')}`, issue.keys[0] ?? null, 'unknown_parameter');
  const param = paramOf(issue.path);
  if (refusedFields.has(param)) return invalidRequest(`${param} is not supported by the Switchyard gateway (routed workflows answer with text only).`, param, 'unsupported_parameter');
  return invalidRequest(`Invalid value for ${param || 'body'}: ${issue.message}`, param || null, issue.code === 'invalid_type' && issue.input === undefined ? 'missing_required_parameter' : 'invalid_value');
}

/** The text of a message's content (text parts joined). */
export function contentText(content: string | Array<{ text: string }> | null | undefined): string {
  if (content === null || content === undefined) return '';
  return typeof content === 'string' ? content : content.map((part) => part.text).join('\n');
}
