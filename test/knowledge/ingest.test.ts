/** Ingest and retrieval on real HNSW indexes: queries, incremental re-ingest, restarts, access groups, classes. */
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCurrentGeneration } from '../../knowledge/collection-storage.js';
import { textPdf } from './pdf-fixture.js';
import { copyOfSamples, ingest, openStore, removeTemporaryFolders, temporaryFolder, writeFiles } from './knowledge-fixture.js';

afterAll(removeTemporaryFolders);

describe('ingest then query', () => {
  let samples: string;
  let dataDir: string;
  beforeAll(async () => {
    samples = await copyOfSamples();
    dataDir = await temporaryFolder();
    await ingest([samples], dataDir);
  });

  it('returns the chunk that answers a question first, with a score and a class', async () => {
    const [best] = await openStore(dataDir).search({ query: 'What is the mileage allowance per kilometre for my own car?', topK: 3 });
    expect(best?.source).toMatch(/expenses\/mileage\.txt$/);
    expect(best?.text).toContain('0.30 euros per kilometre');
    expect(best?.score).toBeGreaterThan(0);
    expect(best).toMatchObject({ dataClass: 'public', sensitive: false, title: 'mileage' });
  });

  it('reads Markdown titles, HTML and PDF text', async () => {
    const store = openStore(dataDir);
    const [html] = await store.search({ query: 'pension contribution match percentage', topK: 1 });
    expect(html).toMatchObject({ title: 'Benefits overview' });
    expect(html?.text).toContain('5%');
    const [pdf] = await store.search({ query: 'accept gifts from suppliers', topK: 1 });
    expect(pdf?.source).toMatch(/gifts-and-hospitality\.pdf$/);
    expect(pdf?.title).toBe('Gifts and hospitality policy');
  });

  it('classifies the chunk holding an IBAN and a phone number as restricted and sensitive', async () => {
    const [payroll] = await openStore(dataDir).search({ query: 'bank account for the salary advance repayment', topK: 1 });
    expect(payroll?.source).toMatch(/people\/payroll-contacts\.md$/);
    expect(payroll).toMatchObject({ dataClass: 'restricted', sensitive: true });
    expect(payroll?.entityTypes).toEqual(expect.arrayContaining(['IBAN_CODE', 'PHONE_NUMBER']));
  });

  it('honours topK and minScore', async () => {
    const store = openStore(dataDir);
    expect(await store.search({ query: 'annual leave days', topK: 2 })).toHaveLength(2);
    const strict = await store.search({ query: 'annual leave days', topK: 10, minScore: 0.3 });
    expect(strict.every((chunk) => chunk.score >= 0.3)).toBe(true);
    expect(await store.search({ query: 'quantum chromodynamics lattice gauge', topK: 5, minScore: 0.2 })).toEqual([]);
  });

  it('keeps everything across a restart: a new store object reads the same answers from disk', async () => {
    const before = await openStore(dataDir).search({ query: 'carry over unused leave days', topK: 3 });
    const after = await openStore(dataDir).search({ query: 'carry over unused leave days', topK: 3 });
    expect(after).toEqual(before);
    expect(after[0]?.text).toContain('carry over up to 5 unused days');
  });
});

describe('incremental re-ingest', () => {
  it('does nothing for an unchanged folder: no new generation, all files unchanged', async () => {
    const samples = await copyOfSamples();
    const dataDir = await temporaryFolder();
    const first = await ingest([samples], dataDir);
    const second = await ingest([samples], dataDir);
    expect(second.generation).toBeUndefined();
    expect(second.files).toMatchObject({ added: [], changed: [], removed: [] });
    expect(second.files.unchanged).toHaveLength(first.files.added.length);
    expect(second.chunks).toEqual({ added: 0, removed: 0, total: first.chunks.total });
    expect(await readCurrentGeneration(join(dataDir, 'test'))).toBe(first.generation);
  });

  it('replaces the chunks of a changed file and removes those of a deleted file', async () => {
    const samples = await copyOfSamples();
    const dataDir = await temporaryFolder();
    await ingest([samples], dataDir);
    const store = openStore(dataDir);
    const travel = join(samples, 'expenses/travel.md');
    await writeFile(travel, (await readFile(travel, 'utf8')).replace('180 euros in capital cities', '210 euros in capital cities'));
    await rm(join(samples, 'faq/general-faq.md'));

    const report = await ingest([samples], dataDir);
    expect(report.files.changed).toEqual([expect.stringMatching(/expenses\/travel\.md$/)]);
    expect(report.files.removed).toEqual([expect.stringMatching(/faq\/general-faq\.md$/)]);
    expect(report.chunks.removed).toBeGreaterThan(0);

    // The same store object follows the new generation without a restart.
    const hotel = await store.search({ query: 'hotel limit per night in capital cities', topK: 10 });
    expect(hotel[0]?.text).toContain('210 euros in capital cities');
    expect(hotel.some((chunk) => chunk.text.includes('180 euros in capital cities'))).toBe(false);
    const dogs = await store.search({ query: 'bring my dog to the office on Fridays', topK: 20 });
    expect(dogs.some((chunk) => chunk.source.endsWith('faq/general-faq.md'))).toBe(false);
  });

  it('leaves files outside the given paths alone', async () => {
    const samples = await copyOfSamples();
    const dataDir = await temporaryFolder();
    await ingest([join(samples, 'leave')], dataDir);
    const report = await ingest([join(samples, 'expenses')], dataDir);
    expect(report.files.removed).toEqual([]);
    const [leave] = await openStore(dataDir).search({ query: 'parental leave weeks primary carer', topK: 1 });
    expect(leave?.source).toMatch(/leave\/parental-leave\.md$/);
  });

  it('re-chunks a file whose access groups change', async () => {
    const folder = await temporaryFolder();
    await writeFiles(folder, { 'salaries.md': '# Salary bands\n\nEngineering salary bands are reviewed every April by the pay committee.' });
    const dataDir = await temporaryFolder();
    await ingest([folder], dataDir);
    const report = await ingest([folder], dataDir, { accessGroups: ['hr'] });
    expect(report.files.changed).toHaveLength(1);
    expect(await openStore(dataDir).search({ query: 'salary bands', topK: 5 })).toEqual([]);
  });

  it('rebuilds the graph once deleted vectors pass a quarter of it', async () => {
    const folder = await temporaryFolder();
    const files = Object.fromEntries(Array.from({ length: 8 }, (_, index) => [`note-${index}.md`, `# Note ${index}\n\nTopic number ${index} is about item${index} and nothing else.`]));
    await writeFiles(folder, files);
    const dataDir = await temporaryFolder();
    await ingest([folder], dataDir);
    await writeFiles(folder, { 'note-0.md': '# Note zero\n\nRewritten.' });
    expect((await ingest([folder], dataDir)).rebuilt).toBe(false);
    await writeFiles(folder, { 'note-1.md': '# One\n\nNew one.', 'note-2.md': '# Two\n\nNew two.', 'note-3.md': '# Three\n\nNew three.' });
    const report = await ingest([folder], dataDir);
    expect(report.rebuilt).toBe(true);
    const [hit] = await openStore(dataDir).search({ query: 'item5', topK: 1 });
    expect(hit?.text).toContain('item5');
  });
});

describe('access groups', () => {
  it('hides chunks restricted to other groups and shows them to members; ungrouped chunks are visible to all', async () => {
    const open = await temporaryFolder();
    const hr = await temporaryFolder();
    await writeFiles(open, { 'canteen.md': '# Canteen\n\nThe canteen serves lunch from 12:00 to 14:00 every working day.' });
    await writeFiles(hr, { 'reviews.md': '# Performance reviews\n\nPerformance review ratings for the engineering team are due on 15 June; lunch meetings are fine.' });
    const dataDir = await temporaryFolder();
    await ingest([open], dataDir);
    await ingest([hr], dataDir, { accessGroups: ['hr', 'directors'] });
    const store = openStore(dataDir);

    const outsider = await store.search({ query: 'performance review ratings lunch', topK: 5, accessGroups: ['engineering'] });
    expect(outsider.map((chunk) => chunk.source)).toEqual([expect.stringMatching(/canteen\.md$/)]);
    const anonymous = await store.search({ query: 'performance review ratings lunch', topK: 5 });
    expect(anonymous.some((chunk) => chunk.source.endsWith('reviews.md'))).toBe(false);
    const member = await store.search({ query: 'performance review ratings lunch', topK: 5, accessGroups: ['directors'] });
    expect(member[0]?.source).toMatch(/reviews\.md$/);
    expect(member.some((chunk) => chunk.source.endsWith('canteen.md'))).toBe(true);
  });
});

describe('formats', () => {
  it('ingests a multi-page PDF, an HTML page and a text file from nested folders', async () => {
    const folder = await temporaryFolder();
    const lines = Array.from({ length: 60 }, (_, index) => `Line ${index} of the warehouse safety manual.`);
    lines[55] = 'Forklift drivers must wear a high-visibility vest at all times.';
    await writeFiles(folder, {
      'deep/er/manual.pdf': textPdf('Warehouse safety manual', lines),
      'web/page.htm': '<html><head><title>Kitchen rules</title></head><body><p>Clean the <b>espresso machine</b> every Friday.</p></body></html>',
      'notes.text': 'Plants on the third floor are watered on Mondays.',
    });
    const dataDir = await temporaryFolder();
    const report = await ingest([folder], dataDir);
    expect(report.files.added).toHaveLength(3);
    const store = openStore(dataDir);
    expect((await store.search({ query: 'forklift high-visibility vest', topK: 1 }))[0]?.text).toContain('Forklift drivers must wear');
    expect((await store.search({ query: 'espresso machine cleaning', topK: 1 }))[0]).toMatchObject({ title: 'Kitchen rules' });
    expect((await store.search({ query: 'watering plants', topK: 1 }))[0]?.text).toContain('watered on Mondays');
    expect((await readdir(join(dataDir, 'test', 'generations'))).length).toBe(1);
  });
});
