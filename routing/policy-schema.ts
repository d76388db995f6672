/**
 * The routing policy's schema (zod). Shapes only; cross-references and the never-broken rule are
 * checked in policy-checks.ts. Pure: types from here are used in workflow code.
 */
import { z } from 'zod';

const identifier = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'an identifier of letters, digits, ".", "_" or "-"');

const nonEmptyList = z.array(z.string().min(1)).min(1);

/** A model server: where it runs decides which task queue its inference goes to. */
export const backendSchema = z.strictObject({
  kind: z.enum(['local', 'cloud']).describe('local = on premises; cloud = leaves the premises'),
  protocol: z
    .enum(['ollama', 'openai-compatible', 'extractive', 'llama-cpp'])
    .describe('extractive: the built-in offline answerer that cites retrieved passages; llama-cpp: GGUF models inside the local worker (no server)'),
  baseUrl: z.url().optional().describe('Default address (not used by extractive); baseUrlEnv overrides it at the worker'),
  baseUrlEnv: z.string().min(1).optional().describe('Environment variable that overrides baseUrl'),
  apiKeyEnv: z.string().min(1).optional().describe('Environment variable holding the API key (cloud workers only)'),
  pool: identifier.optional().describe('Task-queue suffix: switchyard-<kind>-<pool>; defaults to the backend id'),
  timeoutMs: z.number().int().positive().default(120_000),
  llamaCpp: z
    .strictObject({
      modelPath: z.string().min(1).optional().describe('A GGUF file serving every model name of this backend; default: models by name from `switchyard models pull`'),
      modelsDir: z.string().min(1).optional().describe('Folder of pulled models (default $SWITCHYARD_MODELS_DIR or .data/models)'),
      threads: z.number().int().positive().default(1).describe('CPU threads per slot; more threads on busy cores is slower'),
      gpuLayers: z.union([z.number().int().nonnegative(), z.literal('auto')]).default(0).describe("Layers offloaded to a GPU: 0 = CPU only, 'auto' = as many as fit"),
      slots: z.number().int().positive().default(1).describe('Requests generated at once (one context each); the worker runs this many activities at once'),
      contextSize: z.number().int().positive().default(2048).describe('Tokens per context, prompt and answer'),
      defaultMaxOutputTokens: z.number().int().positive().default(512).describe('Answer length limit when a request sets none'),
    })
    .optional()
    .describe('Options of protocol llama-cpp'),
});

/** A model alias: which backend serves it, under what provider name, at what price. */
export const modelSchema = z.strictObject({
  backend: z.string().min(1),
  name: z.string().min(1).describe("The provider's model name, e.g. llama3.2:3b or gpt-4o-mini"),
  tier: z.enum(['small', 'medium', 'large', 'frontier']),
  contextWindow: z.number().int().positive().optional(),
  price: z
    .strictObject({
      inputPerMillionTokens: z.number().nonnegative().default(0),
      outputPerMillionTokens: z.number().nonnegative().default(0),
      perGpuHour: z.number().nonnegative().optional(),
    })
    .default({ inputPerMillionTokens: 0, outputPerMillionTokens: 0 }),
});

/** Conditions of a rule; all given conditions must hold (AND); a list matches any member (OR). */
export const conditionSchema = z.strictObject({
  dataClass: nonEmptyList.optional(),
  sensitive: z.boolean().optional(),
  taskType: nonEmptyList.optional(),
  department: nonEmptyList.optional(),
  application: nonEmptyList.optional(),
});

/** An ordered routing rule: the first rule whose conditions hold picks the model. */
export const ruleSchema = z.strictObject({
  name: z.string().min(1),
  when: conditionSchema.default({}),
  model: z.string().min(1),
  staysLocal: z
    .boolean()
    .default(false)
    .describe('What this rule matches must stay local: its model must be local, and capacity or outage fallback, escalation and redaction never send it to cloud, whatever its data class'),
});

/** A data class, ordered from least to most sensitive in the policy's list. */
export const dataClassSchema = z.strictObject({
  name: identifier,
  sensitive: z.boolean(),
  description: z.string().optional(),
  entities: z.array(z.string().min(1)).default([]).describe('Entity types (e.g. CREDIT_CARD) that imply this class'),
  topics: z.array(z.string().min(1)).default([]).describe('Topics (e.g. health) that imply this class even without identifiers'),
  redactForCloud: z
    .boolean()
    .default(false)
    .describe('A sensitive class that may go to cloud after reversible redaction; the redacted prompt is re-classified first'),
});

/** How confidence is measured and what counts as confident enough, per task type. */
export const confidenceSchema = z.strictObject({
  method: z
    .enum(['auto', 'logprobs', 'self-assessment', 'verifier', 'none'])
    .default('auto')
    .describe('auto: the backend\'s own confidence, else token log-probabilities, else a self-assessment by the same model'),
  verifierModel: z.string().min(1).optional().describe('Model alias that judges answers when method is verifier'),
  thresholds: z.record(z.string(), z.number().min(0).max(1)).default({}).describe('Per task type; "default" applies to the rest'),
});

/** The escalation ladder: model aliases climbed in order on low confidence, optionally ending with human review. */
export const escalationSchema = z.strictObject({
  ladder: z.array(z.string().min(1)).default([]).describe('Model aliases, weakest first; "human" sends the task to review'),
});

/** What to do when a backend cannot serve: capacity (schedule-to-start timeout) or outage. */
export const fallbackSchema = z.strictObject({
  localUnavailable: z.enum(['wait', 'degrade', 'cloud']).default('wait').describe('cloud only when the data class permits'),
  degradeModel: z.string().min(1).optional().describe('Local model alias used by "degrade"'),
  cloudModel: z.string().min(1).optional().describe('Cloud model alias used by "cloud"'),
  waitMs: z.number().int().positive().default(600_000).describe('How much longer "wait" waits for a local worker'),
  cloudFailure: z.string().min(1).optional().describe('Local model alias used when a cloud call fails after its retries'),
  localModel: z
    .string()
    .min(1)
    .optional()
    .describe('Local model alias (a generative model, not the extractive answerer) that takes a request which must stay local when its route named a cloud model; defaults to the first such local model'),
});

/** Human review: who may decide, how long a task may wait, and what happens at the deadline. */
export const reviewSchema = z.strictObject({
  reviewers: z.array(z.string().min(1)).default([]).describe('Reviewer ids allowed to decide (the review app signs them in)'),
  slaMs: z.number().int().positive().default(86_400_000),
  onExpiry: z.enum(['reject', 'return-unreviewed']).default('return-unreviewed'),
  groups: z
    .array(
      z.strictObject({
        name: z.string().min(1),
        reviewers: z.array(z.string().min(1)).min(1).describe('Ids from `reviewers` (the one list of who may decide)'),
        departments: z.array(z.string().min(1)).default([]),
        applications: z.array(z.string().min(1)).default([]),
      }),
    )
    .default([])
    .describe('Who sees which tasks: a group sees tasks of its departments or applications (both empty: every task). No groups: every reviewer sees every task'),
  decisionKeys: z
    .array(z.string().regex(/^[A-Za-z0-9+/]{43}=$/, 'a base64 Ed25519 public key (switchyard keys review-signing)'))
    .default([])
    .describe('Public keys whose signatures the review Update validator accepts; when set, unsigned decisions are refused'),
}).refine((review) => review.groups.every((group) => group.reviewers.every((id) => review.reviewers.includes(id))), { message: 'every reviewer in review.groups must be listed in review.reviewers', path: ['groups'] });

/** The whole policy document. */
export const policySchema = z.strictObject({
  format: z.literal(1).describe('Policy format version'),
  name: identifier,
  dataClasses: z.array(dataClassSchema).min(1).describe('Ordered from least to most sensitive'),
  defaultClass: z.string().min(1).describe('Class of a text in which nothing sensitive was found'),
  failClosedClass: z.string().min(1).optional().describe('Class when classification fails; defaults to the highest sensitive class'),
  backends: z.record(identifier, backendSchema),
  models: z.record(identifier, modelSchema),
  rules: z.array(ruleSchema).default([]),
  default: z.strictObject({ model: z.string().min(1) }).describe('Route when no rule matches'),
  timeouts: z
    .strictObject({
      classifyMs: z.number().int().positive().default(10_000),
      scheduleToStartMs: z.number().int().positive().default(60_000),
      inferenceMs: z.number().int().positive().default(120_000),
    })
    .default({ classifyMs: 10_000, scheduleToStartMs: 60_000, inferenceMs: 120_000 }),
  retry: z
    .strictObject({
      maximumAttempts: z.number().int().positive().default(3),
      initialIntervalMs: z.number().int().positive().default(1_000),
      backoffCoefficient: z.number().min(1).default(2),
      maximumIntervalMs: z.number().int().positive().default(30_000),
    })
    .default({ maximumAttempts: 3, initialIntervalMs: 1_000, backoffCoefficient: 2, maximumIntervalMs: 30_000 }),
  confidence: confidenceSchema.default({ method: 'auto', thresholds: {} }),
  escalation: escalationSchema.default({ ladder: [] }),
  fallback: fallbackSchema.default({ localUnavailable: 'wait', waitMs: 600_000 }),
  review: reviewSchema.default({ reviewers: [], slaMs: 86_400_000, onExpiry: 'return-unreviewed', groups: [], decisionKeys: [] }),
});

/** A validated policy document. */
export type PolicyDocument = z.output<typeof policySchema>;
/** A backend entry. */
export type BackendConfig = z.output<typeof backendSchema>;
/** A model entry. */
export type ModelConfig = z.output<typeof modelSchema>;
/** A rule. */
export type RuleConfig = z.output<typeof ruleSchema>;

/** A loaded policy: the document plus the version recorded in every workflow that uses it. */
export type Policy = PolicyDocument & {
  /** `<name>@<first 12 hex of sha256(file bytes)>`. */
  version: string;
};
