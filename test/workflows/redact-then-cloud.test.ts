/**
 * "Redact then cloud": a sensitive class the policy marks redactForCloud goes to cloud only with its
 * values replaced by placeholders, and the answer comes back with the values restored locally.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createControlActivities } from '../../activities/control-activities.js';
import type { Classifier } from '../../classification/classifier.js';
import { startSwitchyardCluster, type SwitchyardCluster } from '../harness/switchyard-cluster.js';
import { redactablePolicy } from '../harness/test-policy.js';

let cluster: SwitchyardCluster;
beforeAll(async () => {
  cluster = await startSwitchyardCluster({ policy: redactablePolicy });
});
afterAll(async () => cluster?.close());

describe('redact then cloud', () => {
  it('sends a confidential prompt to cloud with placeholders and restores the values in the answer', async () => {
    // The cloud model answers using the placeholder it was given, as a real model would.
    cluster.cloudModels.script((call) => `Sure, I will write to ${/<EMAIL_ADDRESS_\w+>/.exec(call.messages.at(-1)!.content)?.[0] ?? 'nobody'} today.`);
    const { result } = await cluster.run({ prompt: 'Draft a short apology to jane.doe@example.com for the delay.' });

    expect(result.dataClass).toBe('confidential');
    expect(result.decision).toMatchObject({ backendKind: 'cloud', redact: true });
    expect(result.decision.reasons.join(' ')).toContain('classifies as not sensitive');
    const sent = cluster.cloudModels.chats().at(-1)!;
    expect(sent.messages!.at(-1)!.content).toBe('Draft a short apology to <EMAIL_ADDRESS_1> for the delay.');
    expect(JSON.stringify(cluster.cloudModels.requests)).not.toContain('jane.doe@example.com');
    expect(result.answer).toBe('Sure, I will write to jane.doe@example.com today.');
  });

  it('keeps a restricted prompt local even though confidential data could be redacted', async () => {
    const before = cluster.cloudModels.requests.length;
    const { result } = await cluster.run({ prompt: 'Email jane.doe@example.com the receipt for card 4111 1111 1111 1111.' });
    expect(result.dataClass).toBe('restricted');
    expect(result.decision).toMatchObject({ backendKind: 'local', redact: false });
    expect(cluster.cloudModels.requests.length).toBe(before);
  });
});

describe('redactPrompt activity', () => {
  it('reports the prompt still sensitive when the redacted text classifies as sensitive', async () => {
    const policy = redactablePolicy({ localUrl: 'http://127.0.0.1:1', cloudUrl: 'http://127.0.0.1:2/v1' });
    // A classifier that also sees something sensitive in the placeholder text (a missed entity, say).
    const seesEverything: Classifier = { name: 'strict', classify: async (text) => ({ entities: [{ type: 'CREDIT_CARD', start: 0, end: Math.min(4, text.length), score: 1, reason: 'test', detector: 'test' }], ms: 0 }) };
    const activities = createControlActivities({ policy, classifier: seesEverything });
    const redacted = await activities.redactPrompt([{ source: 'user', text: 'Mail jane.doe@example.com' }], [{ type: 'EMAIL_ADDRESS', start: 5, end: 25, score: 1, reason: 'test', source: 'user', part: 0 }]);
    expect(redacted.parts[0]!.text).toBe('Mail <EMAIL_ADDRESS_1>');
    expect(redacted.stillSensitive).toBe(true);
    expect(redacted.reasons[0]).toContain('still restricted');
  });

  it('fails closed when the recorded spans cannot be redacted', async () => {
    const policy = redactablePolicy({ localUrl: 'http://127.0.0.1:1', cloudUrl: 'http://127.0.0.1:2/v1' });
    const activities = createControlActivities({ policy, classifier: { name: 'none', classify: async () => ({ entities: [], ms: 0 }) } });
    const redacted = await activities.redactPrompt([{ source: 'user', text: 'short' }], [{ type: 'EMAIL_ADDRESS', start: 3, end: 99, score: 1, reason: 'test', source: 'user', part: 0 }]);
    expect(redacted.stillSensitive).toBe(true);
    expect(redacted.reasons[0]).toContain('redaction failed');
  });
});
