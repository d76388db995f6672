/**
 * Retrieval in the routed task, on real HNSW indexes and the real dev server: retrieved chunks reach
 * the model as context, their classes count toward the prompt's, and access groups hide chunks.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDefaultClassifier } from '../../classification/default-classifier.js';
import { ingestKnowledge } from '../../knowledge/ingest.js';
import { createLexicalEmbedder } from '../../knowledge/lexical-embedder.js';
import { startSwitchyardCluster, type SwitchyardCluster } from '../harness/switchyard-cluster.js';
import { removeTemporaryFolders, temporaryFolder, writeFiles } from '../knowledge/knowledge-fixture.js';

let cluster: SwitchyardCluster;
beforeAll(async () => {
  const knowledgeDir = await temporaryFolder();
  const documents = await temporaryFolder();
  await writeFiles(documents, {
    'public/office-hours.md': '# Office hours\n\nThe office is open from 8 am to 6 pm on weekdays. Visitors sign in at reception.',
    'payroll/bonus.md': '# Bonus payments\n\nThe annual bonus for the payroll team is paid to IBAN DE89 3704 0044 0532 0130 00 in March.',
  });
  cluster = await startSwitchyardCluster({ knowledgeDir });
  const ingest = (path: string, accessGroups: string[] = []) =>
    ingestKnowledge({ paths: [path], dataDir: knowledgeDir, collection: 'handbook', embedder: createLexicalEmbedder(), classifier: createDefaultClassifier(), policy: cluster.policy, accessGroups });
  await ingest(`${documents}/public`);
  await ingest(`${documents}/payroll`, ['payroll']);
});
afterAll(async () => {
  await cluster?.close();
  await removeTemporaryFolders();
});

describe('retrieval in the routed task', () => {
  it('sends a public question with a public chunk to cloud, with the chunk in a system message', async () => {
    const { result } = await cluster.run({ prompt: 'When is the office open for visitors?', knowledge: { collection: 'handbook', accessGroups: [] } });
    expect(result.dataClass).toBe('public');
    expect(result.decision.backendKind).toBe('cloud');
    const sent = cluster.cloudModels.chats().at(-1)!;
    expect(sent.messages!.find((message) => message.role === 'system')!.content).toContain('8 am to 6 pm');
  });

  it('routes a public question local when a retrieved chunk is sensitive', async () => {
    const before = cluster.cloudModels.requests.length;
    const { handle, result } = await cluster.run({ prompt: 'When is the annual bonus paid?', knowledge: { collection: 'handbook', accessGroups: ['payroll'] } });
    expect(result.entities).toEqual([]);
    expect(result.dataClass).toBe('restricted');
    expect(result.classificationReasons.join(' ')).toContain('retrieved chunk');
    expect(result.decision.backendKind).toBe('local');
    expect(cluster.cloudModels.requests.length).toBe(before);
    const local = cluster.localModels.chats().at(-1)!;
    expect(local.messages!.some((message) => message.content.includes('DE89 3704 0044 0532 0130 00'))).toBe(true);
    const details = await handle.query('reviewDetails');
    expect((details as { context: Array<{ dataClass: string }> }).context.some((chunk) => chunk.dataClass === 'restricted')).toBe(true);
  });

  it('hides chunks of a group the caller is not in, so the same question stays public', async () => {
    const { result } = await cluster.run({ prompt: 'When is the annual bonus paid?', knowledge: { collection: 'handbook', accessGroups: ['sales'] } });
    expect(result.dataClass).toBe('public');
    const sent = cluster.cloudModels.chats().at(-1)!;
    expect(JSON.stringify(sent.messages)).not.toContain('DE89');
  });

  it('fails the task with a typed error naming the known collections for an unknown collection', async () => {
    const handle = await cluster.start({ prompt: 'Anything?', knowledge: { collection: 'no-such-collection' } });
    const failure = await handle.result().catch((error: unknown) => error as Error);
    expect(String((failure as { cause?: { cause?: { message?: string } } }).cause?.cause?.message)).toMatch(/no-such-collection.*handbook/s);
  });
});
