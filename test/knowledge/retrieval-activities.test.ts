/** The retrieve activity: chunks with scores and classes, access groups, typed failures, reclassification under the worker's policy. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRetrievalActivities } from '../../activities/retrieval-activities.js';
import { openKnowledgeLibrary } from '../../knowledge/knowledge-library.js';
import { parsePolicy } from '../../routing/policy-loader.js';
import { failureOf } from '../harness/failure-of.js';
import { copyOfSamples, ingest, removeTemporaryFolders, temporaryFolder, writeFiles } from './knowledge-fixture.js';

let dataDir: string;
beforeAll(async () => {
  dataDir = await temporaryFolder();
  await ingest([await copyOfSamples()], dataDir, { collection: 'handbook' });
  const board = await temporaryFolder();
  await writeFiles(board, { 'minutes.md': '# Board minutes\n\nThe board approved the handbook budget for next year.' });
  await ingest([board], dataDir, { collection: 'handbook', accessGroups: ['board'] });
});
afterAll(removeTemporaryFolders);

describe('retrieve activity', () => {
  it('returns top-k chunks with id, source, title, text, score, class and entity types', async () => {
    const { retrieve } = createRetrievalActivities({ knowledge: openKnowledgeLibrary({ dataDir }) });
    const chunks = await retrieve({ collection: 'handbook', query: 'What bank account is used for the salary advance repayment?', topK: 3, minScore: 0.05 });
    expect(chunks.length).toBeGreaterThan(0);
    expect(chunks[0]).toEqual({
      id: expect.stringMatching(/people\/payroll-contacts\.md#0$/),
      source: expect.stringMatching(/people\/payroll-contacts\.md$/),
      title: 'Payroll record: salary advance repayment',
      text: expect.stringContaining('IBAN'),
      score: expect.any(Number),
      dataClass: 'restricted',
      sensitive: true,
      entityTypes: expect.arrayContaining(['IBAN_CODE', 'PHONE_NUMBER']),
    });
    // Serialisable as it is: it goes into workflow history.
    expect(JSON.parse(JSON.stringify(chunks))).toEqual(chunks);
  });

  it('filters by the caller access groups', async () => {
    const { retrieve } = createRetrievalActivities({ knowledge: openKnowledgeLibrary({ dataDir }) });
    const request = { collection: 'handbook', query: 'board approved handbook budget', topK: 5 };
    expect((await retrieve(request)).some((chunk) => chunk.source.endsWith('minutes.md'))).toBe(false);
    expect((await retrieve({ ...request, accessGroups: ['board'] }))[0]?.source).toMatch(/minutes\.md$/);
  });

  it('recomputes classes under the worker policy, never below what ingest recorded', async () => {
    const stricter = parsePolicy(
      `format: 1
name: stricter
dataClasses:
  - { name: open, sensitive: false, entities: [LOCATION, ORGANIZATION] }
  - { name: personal, sensitive: true, entities: [PHONE_NUMBER, IBAN_CODE] }
defaultClass: open
backends: { local: { kind: local, protocol: ollama, baseUrl: "http://127.0.0.1:1" } }
models: { small: { backend: local, name: m, tier: small } }
default: { model: small }
`,
      'stricter.yaml',
    );
    const { retrieve } = createRetrievalActivities({ knowledge: openKnowledgeLibrary({ dataDir }), policy: stricter });
    const [payroll] = await retrieve({ collection: 'handbook', query: 'IBAN salary advance repayment', topK: 1 });
    expect(payroll).toMatchObject({ dataClass: 'personal', sensitive: true });
    const [travel] = await retrieve({ collection: 'handbook', query: 'hotel limit capital cities', topK: 1 });
    // Ingest (default policy) found the travel page sensitive by its finance topic; this policy names
    // no topics and cannot say why, so the chunk fails closed into its most sensitive class.
    expect(travel).toMatchObject({ dataClass: 'personal', sensitive: true, entityTypes: [] });
  });

  it('fails non-retryably for an unknown collection, naming the known ones', async () => {
    const { retrieve } = createRetrievalActivities({ knowledge: openKnowledgeLibrary({ dataDir }) });
    const failure = await failureOf(retrieve({ collection: 'nope', query: 'x', topK: 1 }));
    expect(failure).toMatchObject({ type: 'UnknownCollection', nonRetryable: true });
    expect(failure.message).toContain('known: handbook');
  });

  it('fails non-retryably for a bad topK', async () => {
    const { retrieve } = createRetrievalActivities({ knowledge: openKnowledgeLibrary({ dataDir }) });
    expect(await failureOf(retrieve({ collection: 'handbook', query: 'x', topK: 0 }))).toMatchObject({ type: 'InvalidOption', nonRetryable: true });
  });
});
