/** Builds routing policies for tests whose backends point at model-server doubles. */
import { randomUUID } from 'node:crypto';
import { parsePolicy } from '../../routing/policy-loader.js';
import type { Policy } from '../../routing/policy-schema.js';

/** Where the test's doubles listen, and a suffix that keeps this test's queues its own. */
export interface TestPolicyTargets {
  localUrl: string;
  cloudUrl: string;
  suffix?: string;
}

/** The two doubles as a local Ollama and a cloud OpenAI backend, on queues unique to the test. */
function testBackendsYaml(targets: TestPolicyTargets): string {
  const suffix = targets.suffix ?? randomUUID().slice(0, 8);
  return `backends:
  local-ollama: { kind: local, protocol: ollama, baseUrl: "${targets.localUrl}", pool: "gpu-${suffix}", timeoutMs: 5000 }
  cloud-openai: { kind: cloud, protocol: openai-compatible, baseUrl: "${targets.cloudUrl}", apiKeyEnv: TEST_CLOUD_KEY, pool: "openai-${suffix}", timeoutMs: 5000 }`;
}

/** "Sensitive stays local, everything else may use cloud", with a legal-department override. */
export function sensitiveStaysLocalYaml(targets: TestPolicyTargets): string {
  return `
format: 1
name: test-sensitive-stays-local
dataClasses:
  - { name: public, sensitive: false }
  - { name: confidential, sensitive: true, entities: [EMAIL_ADDRESS, PHONE_NUMBER, IP_ADDRESS] }
  - { name: restricted, sensitive: true, entities: [CREDIT_CARD, IBAN_CODE, US_SSN, SECRET, PRIVATE_KEY] }
defaultClass: public
${testBackendsYaml(targets)}
models:
  local-small: { backend: local-ollama, name: double-small, tier: small }
  cloud-fast: { backend: cloud-openai, name: double-large, tier: medium, price: { inputPerMillionTokens: 1, outputPerMillionTokens: 2 } }
rules:
  - { name: legal-stays-local, when: { department: [legal] }, model: local-small }
  - { name: sensitive-stays-local, when: { sensitive: true }, model: local-small }
default: { model: cloud-fast }
timeouts: { classifyMs: 5000, scheduleToStartMs: 20000, inferenceMs: 20000 }
retry: { maximumAttempts: 3, initialIntervalMs: 200, backoffCoefficient: 2, maximumIntervalMs: 1000 }
`;
}

/** The parsed policy for the targets. */
export function sensitiveStaysLocalPolicy(targets: TestPolicyTargets): Policy {
  return parsePolicy(sensitiveStaysLocalYaml(targets), 'test-policy.yaml');
}

/** Replaces `pattern` once, and says so when the base YAML no longer holds it (a silent no-op would test another policy). */
function edit(yaml: string, pattern: string | RegExp, replacement: string): string {
  const edited = yaml.replace(pattern, replacement);
  if (edited === yaml) throw new Error(`test policy: ${String(pattern)} not found in the base YAML`);
  return edited;
}

/** Sensitive-stays-local where confidential data may go to cloud once redacted; restricted data stays local. */
export function redactablePolicy(targets: TestPolicyTargets): Policy {
  let yaml = edit(sensitiveStaysLocalYaml(targets), '{ name: confidential, sensitive: true,', '{ name: confidential, sensitive: true, redactForCloud: true,');
  yaml = edit(yaml, / {2}- \{ name: sensitive-stays-local, when: \{ sensitive: true \}, model: local-small \}\n/, '  - { name: restricted-stays-local, when: { dataClass: [restricted] }, model: local-small }\n');
  return parsePolicy(yaml, 'redactable.yaml');
}

/** Knobs of the escalation test policy. */
export interface EscalationKnobs {
  localUnavailable?: 'wait' | 'degrade' | 'cloud';
  scheduleToStartMs?: number;
  waitMs?: number;
  slaMs?: number;
  onExpiry?: 'reject' | 'return-unreviewed';
  threshold?: number;
  maximumAttempts?: number;
  confidenceMethod?: 'logprobs' | 'self-assessment' | 'verifier' | 'auto';
  verifierModel?: string;
}

/**
 * A policy with a ladder small local → large local → cloud frontier → human, confidence from token
 * log-probabilities, and a local default, so tests script confidence per model on the doubles.
 */
export function escalationPolicy(targets: TestPolicyTargets, knobs: EscalationKnobs = {}): Policy {
  return parsePolicy(
    `
format: 1
name: test-escalation
dataClasses:
  - { name: public, sensitive: false }
  - { name: restricted, sensitive: true, entities: [CREDIT_CARD, IBAN_CODE, US_SSN, EMAIL_ADDRESS, PHONE_NUMBER] }
defaultClass: public
${testBackendsYaml(targets)}
models:
  local-small: { backend: local-ollama, name: small-model, tier: small }
  local-large: { backend: local-ollama, name: large-model, tier: large }
  cloud-frontier: { backend: cloud-openai, name: frontier-model, tier: frontier, price: { inputPerMillionTokens: 5, outputPerMillionTokens: 15 } }
rules:
  - { name: sensitive-stays-local, when: { sensitive: true }, model: local-small }
default: { model: local-small }
timeouts: { classifyMs: 5000, scheduleToStartMs: ${knobs.scheduleToStartMs ?? 20000}, inferenceMs: 20000 }
retry: { maximumAttempts: ${knobs.maximumAttempts ?? 3}, initialIntervalMs: 100, backoffCoefficient: 2, maximumIntervalMs: 500 }
confidence: { method: ${knobs.confidenceMethod ?? 'logprobs'}, ${knobs.verifierModel ? `verifierModel: ${knobs.verifierModel}, ` : ''}thresholds: { default: ${knobs.threshold ?? 0.7} } }
escalation: { ladder: [local-small, local-large, cloud-frontier, human] }
fallback: { localUnavailable: ${knobs.localUnavailable ?? 'wait'}, cloudModel: cloud-frontier, waitMs: ${knobs.waitMs ?? 60000}, cloudFailure: local-large }
review: { reviewers: [alice, bob], slaMs: ${knobs.slaMs ?? 600000}, onExpiry: ${knobs.onExpiry ?? 'return-unreviewed'} }
`,
    'test-escalation-policy.yaml',
  );
}

/** The model names the escalation policy uses on the doubles. */
export const ESCALATION_MODELS = ['small-model', 'large-model', 'frontier-model'];
