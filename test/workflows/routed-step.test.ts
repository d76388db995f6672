/**
 * routedStep() in a user's own workflow, on the real dev server with the model-server doubles: two
 * steps routed on their own, the run's search attributes as the union over its steps, where bytes
 * actually went (SwitchyardCloud), redaction with retrieved context, control steps as local
 * activities still in history, and a forbidden workflow import refused at bundle time.
 */
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { temporal } from '@temporalio/proto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Classifier } from '../../classification/classifier.js';
import { createDefaultClassifier } from '../../classification/default-classifier.js';
import { ingestKnowledge } from '../../knowledge/ingest.js';
import { createLexicalEmbedder } from '../../knowledge/lexical-embedder.js';
import { searchAttributes } from '../../temporal/search-attributes.js';
import { workflowBundle } from '../../workers/worker-runtime.js';
import { WorkflowImportError } from '../../workers/workflow-import-check.js';
import type { RoutedStepResult, StepRecord } from '../../workflows/routed-step-types.js';
import { startSwitchyardCluster, testDataConverter, type SwitchyardCluster } from '../harness/switchyard-cluster.js';
import { redactablePolicy } from '../harness/test-policy.js';
import { removeTemporaryFolders, temporaryFolder, writeFiles } from '../knowledge/knowledge-fixture.js';

const CARD = '4111 1111 1111 1111';
const EMAIL = 'jane.doe@example.com';
const twoStepsPath = fileURLToPath(new URL('./fixtures/two-steps/index.ts', import.meta.url));

// Confidential (emails) may go to cloud redacted; restricted (cards) stays local.
let cluster: SwitchyardCluster;
beforeAll(async () => {
  const knowledgeDir = await temporaryFolder();
  const documents = await temporaryFolder();
  await writeFiles(documents, { 'office-hours.md': '# Office hours\n\nThe office is open from 8 am to 6 pm on weekdays. Visitors sign in at reception.' });
  cluster = await startSwitchyardCluster({ policy: redactablePolicy, knowledgeDir, workflowsPath: twoStepsPath });
  await ingestKnowledge({ paths: [documents], dataDir: knowledgeDir, collection: 'handbook', embedder: createLexicalEmbedder(), classifier: createDefaultClassifier(), policy: cluster.policy, accessGroups: [] });
});
afterAll(async () => {
  await cluster?.close();
  await removeTemporaryFolders();
});

/** Visibility is eventually consistent: poll until the query counts the run (or give up). */
async function countEventually(query: string): Promise<number> {
  let found = 0;
  for (let attempt = 0; attempt < 50 && found === 0; attempt++) {
    found = (await cluster.client.workflow.count(query)).count;
    if (found === 0) await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return found;
}

function stepsOf(memo: Record<string, unknown> | undefined): StepRecord[] {
  return (memo?.switchyardSteps ?? []) as StepRecord[];
}

describe('routedStep in a two-step workflow', () => {
  it('routes each step on its own and finds the run by either step model and by "any step went to cloud"', async () => {
    const workflowId = `test-two-steps-${randomUUID()}`;
    const handle = await cluster.client.workflow.start('twoSteps', {
      taskQueue: cluster.controlQueue,
      workflowId,
      args: [{ first: 'Summarise: the printer on floor 2 jams every morning.', second: `Draft a reply and confirm the refund to card ${CARD}.` }],
    });
    const [first, second] = (await handle.result()) as RoutedStepResult[];

    expect(first).toMatchObject({ step: 'summarise', dataClass: 'public', decision: { backendKind: 'cloud', model: 'cloud-fast' } });
    expect(second).toMatchObject({ step: 'draft', dataClass: 'restricted', decision: { backendKind: 'local', model: 'local-small', rule: 'restricted-stays-local' } });
    const description = await handle.describe();
    expect(description.typedSearchAttributes.get(searchAttributes.models)).toEqual(['cloud-fast', 'local-small']);
    expect(description.typedSearchAttributes.get(searchAttributes.dataClass)).toBe('restricted');
    expect(description.typedSearchAttributes.get(searchAttributes.cloud)).toBe(true);
    expect(stepsOf(description.memo).map((step) => [step.step, step.planned.backendKind, step.cloudDispatched])).toEqual([
      ['summarise', 'cloud', true],
      ['draft', 'local', false],
    ]);

    for (const filter of [`SwitchyardModels = 'cloud-fast'`, `SwitchyardModels = 'local-small'`, 'SwitchyardCloud = true', `SwitchyardRules = 'restricted-stays-local'`]) {
      expect(await countEventually(`WorkflowId = '${workflowId}' AND ${filter}`), filter).toBe(1);
    }
  });

  it('records the control steps as local activities whose markers still hold what the audit reads', async () => {
    const { handle } = await cluster.run({ prompt: 'When is the office open?' });
    const { events } = await handle.fetchHistory();
    const markers = (events ?? []).filter((event) => event.markerRecordedEventAttributes).map((event) => event.markerRecordedEventAttributes!);
    const decoded = await Promise.all(markers.map(async (marker) => JSON.parse(await payloadText(marker.details!.data!.payloads![0]!)) as { activity_type?: string }));
    expect(decoded.map((data) => data.activity_type)).toEqual(['getPolicy', 'classifyPrompt']);
    const classified = JSON.parse(await payloadText(markers[1]!.details!.result!.payloads![0]!)) as { classifier: string; entities: unknown[] };
    expect(classified.entities).toEqual([]);
    expect(typeof classified.classifier).toBe('string');
    // No activity task went through the server for them: only the inference attempt did.
    expect((events ?? []).filter((event) => event.activityTaskScheduledEventAttributes).map((event) => event.activityTaskScheduledEventAttributes!.activityType!.name)).toEqual(['infer']);
  });
});

describe('where bytes actually went', () => {
  it('keeps SwitchyardCloud=true when a cloud call failed after reaching the cloud, then fell back to local', async () => {
    const before = cluster.cloudModels.chats().length;
    cluster.cloudModels.injectFailures({ status: 500, count: 3 });
    const { handle, result } = await cluster.run({ prompt: 'What is two plus two?' });

    expect(result.decision.backendKind).toBe('cloud');
    expect(result.attempts.map((attempt) => [attempt.backendKind, attempt.outcome, attempt.dispatched])).toEqual([
      ['cloud', 'failed', true],
      ['local', 'answered', true],
    ]);
    expect(cluster.cloudModels.chats().length - before).toBe(3);
    expect((await handle.describe()).typedSearchAttributes.get(searchAttributes.cloud)).toBe(true);
  });
});

describe('redaction with retrieved context', () => {
  it('sends the placeholder to cloud, never the email, with the context inserted, and restores the answer', async () => {
    cluster.cloudModels.script((call) => `I will tell ${/<EMAIL_ADDRESS_\w+>/.exec(call.messages.at(-1)!.content)?.[0] ?? 'nobody'} the hours.`);
    const { result } = await cluster.run({ prompt: `Tell ${EMAIL} when the office is open for visitors.`, knowledge: { collection: 'handbook', accessGroups: [] } });

    expect(result.dataClass).toBe('confidential');
    expect(result.decision).toMatchObject({ backendKind: 'cloud', redact: true });
    const sent = cluster.cloudModels.chats().at(-1)!;
    expect(sent.messages!.some((message) => message.role === 'system' && message.content.includes('8 am to 6 pm'))).toBe(true);
    expect(sent.messages!.at(-1)!.content).toBe('Tell <EMAIL_ADDRESS_1> when the office is open for visitors.');
    expect(JSON.stringify(cluster.cloudModels.requests)).not.toContain(EMAIL);
    expect(result.answer).toBe(`I will tell ${EMAIL} the hours.`);
    cluster.cloudModels.script([]);
  });
});

describe('a cloud refusal that falls back to local', () => {
  let blind: SwitchyardCluster;
  // The control worker's classifier misses the card; the cloud worker's re-check does not.
  const seesNothing: Classifier = { name: 'sees-nothing', classify: async () => ({ entities: [], ms: 0 }) };
  beforeAll(async () => {
    blind = await startSwitchyardCluster({ controlClassifier: seesNothing, workflowsPath: twoStepsPath });
  });
  afterAll(async () => blind?.close());

  it('ends with SwitchyardCloud=false, found by a visibility query, with every attempt listed', async () => {
    const workflowId = `test-refused-${randomUUID()}`;
    const handle = await blind.start({ prompt: `Charge ${CARD} for the renewal, please.` }, workflowId);
    const result = await handle.result();

    expect(result.decision.backendKind).toBe('cloud');
    expect(blind.cloudModels.chats()).toHaveLength(0);
    const steps = stepsOf((await handle.describe()).memo);
    expect(steps).toHaveLength(1);
    expect(steps[0]!.planned.backendKind).toBe('cloud');
    expect(steps[0]!.attempts.map((attempt) => [attempt.backendKind, attempt.model, attempt.outcome, attempt.dispatched])).toEqual([
      ['cloud', 'cloud-fast', 'refused', false],
      ['local', 'local-small', 'answered', true],
    ]);
    let found = 0;
    for (let attempt = 0; attempt < 50 && found === 0; attempt++) {
      found = (await blind.client.workflow.count(`WorkflowId = '${workflowId}' AND SwitchyardCloud = false AND SwitchyardModels = 'local-small'`)).count;
      if (found === 0) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(found).toBe(1);
  });
});

describe('workflow imports at bundle time', () => {
  it("refuses a user's workflow that imports a Node-only module, naming the import, before any worker polls", async () => {
    const failure = await workflowBundle({ workflowsPath: fileURLToPath(new URL('./fixtures/forbidden-import/index.ts', import.meta.url)) }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(WorkflowImportError);
    expect((failure as Error).message).toContain("imports '../../../../knowledge/knowledge-library.js'");
    expect((failure as Error).message).toContain('forbidden-import/index.ts');
  });
});

// Payloads may be encrypted by the codec; decode them the way a reader with the key does.
async function payloadText(payload: temporal.api.common.v1.IPayload): Promise<string> {
  let decoded: temporal.api.common.v1.IPayload[] = [payload];
  for (const codec of [...(testDataConverter.payloadCodecs ?? [])].reverse()) decoded = await codec.decode(decoded);
  return new TextDecoder().decode(decoded[0]!.data!);
}
