/**
 * Activities of the control queue: hand the workflow its policy and classify prompts. The control
 * worker holds the classifier and the policy, never a cloud key.
 */
import type { Classifier, DetectedEntity } from '../classification/classifier.js';
import { joinParts } from '../classification/joined-text.js';
import { redactAll } from '../classification/redaction/redact.js';
import type { RedactionMapping } from '../classification/redaction/redaction-mapping.js';
import { verdictOf } from '../routing/data-classes.js';
import type { Policy } from '../routing/policy-schema.js';
import { policySnapshot, type PolicySnapshot } from '../temporal/policy-snapshot.js';

/** One part of a prompt; the class of a prompt is the highest class of all its parts. */
export interface PromptPart {
  source: 'system' | 'user' | 'context';
  text: string;
}

/** A finding as recorded in history: its type, span and why — never the sensitive value itself. */
export interface RecordedEntity extends Omit<DetectedEntity, 'detector'> {
  source: PromptPart['source'];
  /** Index of the part in the request. */
  part: number;
}

/** The classify activity's result. */
export interface PromptClassification {
  entities: RecordedEntity[];
  /** Confidential topics marked in any part. */
  topics: string[];
  failure?: { reason: string };
  ms: number;
  classifier: string;
}

/** A prompt made safe for cloud, or the reason it is not. The mapping stays on premises (history). */
export interface RedactedPrompt {
  parts: PromptPart[];
  mapping: RedactionMapping;
  /** True when the redacted text still classifies as sensitive: the request must stay local. */
  stillSensitive: boolean;
  reasons: string[];
}

/** Dependencies of the control activities. */
export interface ControlDependencies {
  policy: Policy;
  classifier: Classifier;
}

/** Build the control activities around injected dependencies. */
export function createControlActivities(dependencies: ControlDependencies) {
  const snapshot = policySnapshot(dependencies.policy);
  return {
    /**
     * The routing policy this control worker enforces. History records it once per version: the
     * claim-check codec writes a reference to its policy record into the marker (decision 0012).
     */
    async getPolicy(): Promise<PolicySnapshot> {
      return snapshot;
    },

    /**
     * Replace the found entities with placeholders, then classify the redacted text again: anything
     * sensitive left (a missed entity, a topic, a failed classification) keeps the request local.
     */
    async redactPrompt(parts: PromptPart[], entities: RecordedEntity[]): Promise<RedactedPrompt> {
      let redacted: ReturnType<typeof redactAll>;
      try {
        // Retrieved context was classified at ingest without spans; find its spans now.
        const inputs = await Promise.all(
          parts.map(async (part, index) => ({
            text: part.text,
            entities:
              part.source === 'context'
                ? (await dependencies.classifier.classify(part.text)).entities
                : entities.filter((entity) => entity.part === index).map(({ source: _source, part: _part, ...entity }) => ({ ...entity, detector: 'recorded' })),
          })),
        );
        redacted = redactAll(inputs);
      } catch (error) {
        // Fail closed: a prompt we could not redact stays local.
        return { parts, mapping: { version: 1, entries: [] }, stillSensitive: true, reasons: [`redaction failed: ${(error as Error).message}`] };
      }
      const { redactedTexts, mapping } = redacted;
      const redactedParts = parts.map((part, index) => ({ ...part, text: redactedTexts[index]! }));
      const reasons: string[] = [];
      let stillSensitive = false;
      for (const [index, part] of redactedParts.entries()) {
        const output = await dependencies.classifier.classify(part.text);
        const verdict = verdictOf(dependencies.policy, output);
        if (verdict.sensitive) {
          stillSensitive = true;
          reasons.push(`redacted ${part.source} part ${index} is still ${verdict.dataClass}: ${verdict.reasons.join('; ')}`);
        }
      }
      if (!stillSensitive) reasons.push(`redacted ${mapping.entries.length} value(s); the redacted prompt classifies as not sensitive`);
      return { parts: redactedParts, mapping, stillSensitive, reasons };
    },

    /**
     * Classify every part of a prompt, then the parts joined as one text, so a value split across
     * parts ("card starts 4111 1111" / "and ends 1111 1111") is found; a finding of the joined text
     * is recorded in each part it touches. A failure in any part is reported, never hidden.
     */
    async classifyPrompt(parts: PromptPart[]): Promise<PromptClassification> {
      const started = performance.now();
      const entities: RecordedEntity[] = [];
      const topics = new Set<string>();
      const failures: string[] = [];
      for (const [index, part] of parts.entries()) {
        const output = await dependencies.classifier.classify(part.text);
        for (const { detector: _detector, ...entity } of output.entities) entities.push({ ...entity, source: part.source, part: index });
        for (const topic of output.topics ?? []) topics.add(topic.topic);
        if (output.failure) failures.push(`${part.source} part ${index}: ${output.failure.reason}`);
      }
      if (parts.length > 1) {
        const joined = joinParts(parts.map((part) => part.text));
        const output = await dependencies.classifier.classify(joined.text);
        for (const { detector: _detector, ...entity } of output.entities) {
          for (const piece of joined.pieces(entity.start, entity.end)) {
            const known = entities.some((seen) => seen.part === piece.part && seen.type === entity.type && seen.start < piece.end && piece.start < seen.end);
            if (known) continue;
            entities.push({ ...entity, ...piece, source: parts[piece.part]!.source, reason: `${entity.reason} (across the joined request)` });
          }
        }
        for (const topic of output.topics ?? []) topics.add(topic.topic);
        if (output.failure) failures.push(`joined request: ${output.failure.reason}`);
      }
      return {
        entities,
        topics: [...topics],
        ...(failures.length > 0 ? { failure: { reason: failures.join('; ') } } : {}),
        ms: Math.round((performance.now() - started) * 100) / 100,
        classifier: dependencies.classifier.name,
      };
    },
  };
}

/** The control activities' type, for `proxyActivities` in workflow code. */
export type ControlActivities = ReturnType<typeof createControlActivities>;
