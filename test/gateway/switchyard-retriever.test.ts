/** The LangChain retriever over a real on-disk collection: Documents with classes, access groups enforced. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SwitchyardRetriever } from '../../gateway/switchyard-retriever.js';
import { openKnowledgeLibrary } from '../../knowledge/knowledge-library.js';
import { copyOfSamples, ingest, removeTemporaryFolders, temporaryFolder, writeFiles } from '../knowledge/knowledge-fixture.js';

let dataDir: string;
beforeAll(async () => {
  dataDir = await temporaryFolder();
  await ingest([await copyOfSamples()], dataDir, { collection: 'handbook' });
  const board = await temporaryFolder();
  await writeFiles(board, { 'minutes.md': '# Board minutes\n\nThe board approved the handbook budget for next year.' });
  await ingest([board], dataDir, { collection: 'handbook', accessGroups: ['board'] });
  const mixed = await temporaryFolder();
  await writeFiles(mixed, {
    'plants.md': '# Office plants\n\nWater the office plants every Monday morning; the watering can is in the kitchen.',
    'refund.md': '# Plant refund\n\nRefunds for office plants go to IBAN DE89 3704 0044 0532 0130 00 every Monday.',
  });
  await ingest([mixed], dataDir, { collection: 'mixed' });
});
afterAll(removeTemporaryFolders);

describe('SwitchyardRetriever', () => {
  const retriever = (fields: Partial<ConstructorParameters<typeof SwitchyardRetriever>[0]> = {}) =>
    new SwitchyardRetriever({ collection: 'handbook', accessGroups: [], library: openKnowledgeLibrary({ dataDir }), ...fields });

  it('returns Documents with source, score and the chunk data class', async () => {
    const documents = await retriever({ topK: 3 }).invoke('What bank account is used for the salary advance repayment?');

    expect(documents[0]!.metadata).toMatchObject({ source: expect.stringMatching(/payroll-contacts\.md$/), dataClass: 'restricted', sensitive: true, collection: 'handbook' });
    expect(documents[0]!.pageContent).toContain('IBAN');
  });

  it('shows a group-restricted chunk only to a caller in that group', async () => {
    const query = 'board approved handbook budget';
    expect((await retriever().invoke(query)).some((document) => String(document.metadata.source).endsWith('minutes.md'))).toBe(false);
    expect(String((await retriever({ accessGroups: ['board'] }).invoke(query))[0]!.metadata.source)).toMatch(/minutes\.md$/);
  });

  it('drops sensitive chunks when asked to', async () => {
    const query = 'office plants every Monday';
    const all = await retriever({ collection: 'mixed', topK: 2 }).invoke(query);
    const safe = await retriever({ collection: 'mixed', topK: 2, includeSensitive: false }).invoke(query);

    expect(all.map((document) => document.metadata.dataClass).sort()).toEqual(['public', 'restricted']);
    expect(safe.map((document) => String(document.metadata.source).split('/').at(-1))).toEqual(['plants.md']);
  });
});
