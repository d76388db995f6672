/** Bad input and failures: skipped files, clear errors, corrupt indexes, interrupted ingests, concurrent readers. */
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generationDirectory, readCurrentGeneration } from '../../knowledge/collection-storage.js';
import type { Embedder } from '../../knowledge/embedder.js';
import type { SkippedFile } from '../../knowledge/file-scanner.js';
import { copyOfSamples, ingest, knowledgeErrorOf, lexicalEmbedder, openStore, removeTemporaryFolders, temporaryFolder, writeFiles } from './knowledge-fixture.js';

afterAll(removeTemporaryFolders);

const runningAsRoot = process.getuid?.() === 0;

describe('skipped files', () => {
  it('skips binary, non-UTF-8, empty, broken-PDF and unsupported files with a warning naming each, and ingests the rest', async () => {
    const folder = await temporaryFolder();
    await writeFiles(folder, {
      'good.md': '# Good\n\nThis file is fine and mentions the zebra crossing.',
      'image.md': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x01]),
      'latin1.txt': new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x20, 0xe0, 0x20, 0x6c, 0x61]),
      'empty.txt': '   \n',
      'broken.pdf': '%PDF-1.4 this is not really a PDF',
      'photo.jpg': 'not ingested',
    });
    const warnings: SkippedFile[] = [];
    const dataDir = await temporaryFolder();
    const report = await ingest([folder], dataDir, { onWarning: (skipped) => warnings.push(skipped) });
    expect(report.files.added).toEqual([expect.stringMatching(/good\.md$/)]);
    const reasons = Object.fromEntries(warnings.map((warning) => [warning.source.split('/').at(-1), warning.reason]));
    expect(reasons).toEqual({
      'image.md': expect.stringContaining('binary'),
      'latin1.txt': expect.stringContaining('UTF-8'),
      'empty.txt': expect.stringContaining('no text'),
      'broken.pdf': expect.stringContaining('not a readable PDF'),
      'photo.jpg': expect.stringContaining('unsupported file type'),
    });
    expect(report.files.skipped).toHaveLength(5);
  });

  it.skipIf(runningAsRoot)('skips an unreadable file with a warning (permissions; root reads everything, so skipped there)', async () => {
    const folder = await temporaryFolder();
    await writeFiles(folder, { 'ok.md': 'Readable content about apples and pears.', 'secret.md': 'locked away' });
    await chmod(join(folder, 'secret.md'), 0o000);
    const report = await ingest([folder], await temporaryFolder());
    expect(report.files.skipped).toEqual([{ source: expect.stringMatching(/secret\.md$/), reason: expect.stringContaining('EACCES') }]);
  });

  it('skips a file the reader cannot open (EACCES from the reader) with a warning', async () => {
    const folder = await temporaryFolder();
    await writeFiles(folder, { 'ok.md': 'Readable content about apples and pears.', 'secret.md': 'locked away' });
    const denied = async (path: string): Promise<Uint8Array> => {
      if (path.endsWith('secret.md')) throw Object.assign(new Error(`EACCES: permission denied, open '${path}'`), { code: 'EACCES' });
      return readFile(path);
    };
    const report = await ingest([folder], await temporaryFolder(), { readFile: denied });
    expect(report.files.added).toHaveLength(1);
    expect(report.files.skipped).toEqual([{ source: expect.stringMatching(/secret\.md$/), reason: 'cannot be read (EACCES)' }]);
  });
});

describe('clear errors', () => {
  it('a missing path', async () => {
    const error = await knowledgeErrorOf(ingest(['/no/such/folder'], await temporaryFolder()));
    expect(error.type).toBe('MissingPath');
    expect(error.message).toBe('No such file or folder: /no/such/folder');
  });

  it('an empty folder, and a folder with no supported file', async () => {
    const empty = await temporaryFolder();
    expect((await knowledgeErrorOf(ingest([empty], await temporaryFolder()))).message).toMatch(/^Folder .* holds no Markdown, text, HTML or PDF files/);
    const photos = await temporaryFolder();
    await writeFiles(photos, { 'a.png': 'x', 'b.gif': 'y' });
    expect((await knowledgeErrorOf(ingest([photos], await temporaryFolder()))).type).toBe('EmptyInput');
  });

  it('a collection name that is a path', async () => {
    const error = await knowledgeErrorOf(ingest([await copyOfSamples()], await temporaryFolder(), { collection: '../escape' }));
    expect(error.type).toBe('InvalidOption');
  });

  it('bad chunk settings', async () => {
    const error = await knowledgeErrorOf(ingest([await copyOfSamples()], await temporaryFolder(), { chunkSize: 100, chunkOverlap: 100 }));
    expect(error.message).toContain('chunkOverlap must be an integer from 0 to chunkSize - 1 (99), got 100');
  });

  it('a query on a collection nothing was ingested into', async () => {
    const error = await knowledgeErrorOf(openStore(await temporaryFolder()).search({ query: 'anything', topK: 3 }));
    expect(error.type).toBe('UnknownCollection');
  });

  it('a corrupt index file: retrieval and ingest both say so, and --rebuild recovers', async () => {
    const samples = await copyOfSamples();
    const dataDir = await temporaryFolder();
    await ingest([samples], dataDir);
    const directory = join(dataDir, 'test');
    const indexFile = join(generationDirectory(directory, (await readCurrentGeneration(directory))!), 'index.hnsw');
    const bytes = await readFile(indexFile);
    bytes.fill(7, 64, 256);
    await writeFile(indexFile, bytes);

    const onSearch = await knowledgeErrorOf(openStore(dataDir).search({ query: 'annual leave', topK: 3 }));
    expect(onSearch.type).toBe('CorruptIndex');
    expect(onSearch.message).toMatch(/index\.hnsw is corrupt: its sha256 .* does not match the manifest's .*; rebuild the collection \(ingest with --rebuild\)/);
    expect((await knowledgeErrorOf(ingest([samples], dataDir))).type).toBe('CorruptIndex');

    const rebuilt = await ingest([samples], dataDir, { rebuild: true });
    expect(rebuilt.files.added.length).toBeGreaterThan(20);
    expect((await openStore(dataDir).search({ query: 'annual leave days per year', topK: 1 }))[0]?.text).toContain('27 days');
  });

  it('a corrupt chunk file names the file', async () => {
    const samples = await copyOfSamples();
    const dataDir = await temporaryFolder();
    await ingest([samples], dataDir);
    const directory = join(dataDir, 'test');
    await writeFile(join(generationDirectory(directory, (await readCurrentGeneration(directory))!), 'chunks.json'), '[{"id": trunc');
    const error = await knowledgeErrorOf(openStore(dataDir).search({ query: 'leave', topK: 3 }));
    expect(error.type).toBe('CorruptIndex');
    expect(error.message).toMatch(/chunks\.json is corrupt/);
  });
});

describe('interrupted ingest', () => {
  async function knowledgeBase(): Promise<{ samples: string; dataDir: string; generation: string }> {
    const samples = await copyOfSamples();
    const dataDir = await temporaryFolder();
    const { generation } = await ingest([samples], dataDir);
    return { samples, dataDir, generation: generation! };
  }

  it('a reader failing mid-ingest leaves the previous knowledge base current and intact', async () => {
    const { samples, dataDir, generation } = await knowledgeBase();
    await writeFile(join(samples, 'leave/annual-leave.md'), '# Annual leave\n\nEveryone now gets 40 days.');
    let reads = 0;
    const failing = async (path: string): Promise<Uint8Array> => {
      if (++reads === 10) throw new Error('simulated crash while reading');
      return readFile(path);
    };
    await expect(ingest([samples], dataDir, { readFile: failing })).rejects.toThrow('simulated crash while reading');
    expect(await readCurrentGeneration(join(dataDir, 'test'))).toBe(generation);
    const [leave] = await openStore(dataDir).search({ query: 'how many days of paid annual leave', topK: 1 });
    expect(leave?.text).toContain('27 days of paid annual leave');
  });

  it('an embedder failing after some files leaves the previous knowledge base, and the next ingest succeeds', async () => {
    const { samples, dataDir, generation } = await knowledgeBase();
    await writeFiles(samples, { 'new/a.md': 'Alpha file about the rooftop terrace.', 'new/b.md': 'Beta file about the bicycle storage.' });
    let calls = 0;
    const flaky: Embedder = { ...lexicalEmbedder, embed: async (texts) => (++calls === 2 ? Promise.reject(new Error('embedder died')) : lexicalEmbedder.embed(texts)) };
    await expect(ingest([samples], dataDir, { embedder: flaky })).rejects.toThrow('embedder died');
    expect(await readCurrentGeneration(join(dataDir, 'test'))).toBe(generation);
    await expect(openStore(dataDir).search({ query: 'rooftop terrace', topK: 1, minScore: 0.3 })).resolves.toEqual([]);

    const retried = await ingest([samples], dataDir);
    expect(retried.files.added).toHaveLength(2);
    expect((await openStore(dataDir).search({ query: 'rooftop terrace', topK: 1 }))[0]?.text).toContain('rooftop terrace');
  });

  it('a second ingest while one holds the lock is refused; a lock left by a dead process is taken over', async () => {
    const { samples, dataDir } = await knowledgeBase();
    await writeFile(join(dataDir, 'test', 'ingest.lock'), JSON.stringify({ pid: process.pid, since: new Date().toISOString() }));
    const error = await knowledgeErrorOf(ingest([samples], dataDir));
    expect(error).toMatchObject({ type: 'Locked', isRetryable: true });
    await writeFile(join(dataDir, 'test', 'ingest.lock'), JSON.stringify({ pid: 2 ** 22 + 12345, since: '2020-01-01T00:00:00Z' }));
    await expect(ingest([samples], dataDir)).resolves.toMatchObject({ generation: undefined });
  });

  it('queries running during an ingest always see a complete generation', async () => {
    const { samples, dataDir } = await knowledgeBase();
    const store = openStore(dataDir);
    await writeFile(join(samples, 'expenses/mileage.txt'), 'Mileage\n\nThe mileage allowance is now 0.35 euros per kilometre.');
    const writing = ingest([samples], dataDir);
    const answers: string[] = [];
    let done = false;
    void writing.finally(() => (done = true));
    while (!done) {
      const [hit] = await store.search({ query: 'mileage allowance euros per kilometre', topK: 1 });
      answers.push(hit!.text);
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    await writing;
    answers.push((await store.search({ query: 'mileage allowance euros per kilometre', topK: 1 }))[0]!.text);
    expect(answers.every((text) => text.includes('0.30 euros') || text.includes('0.35 euros'))).toBe(true);
    expect(answers.at(-1)).toContain('0.35 euros');
  });
});
