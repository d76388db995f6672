/** `switchyard ingest`: summary, warnings, exit codes, the progress bar only on a terminal. */
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { ingestCommand, type IngestCommandOutput } from '../../cli/ingest-command.js';
import { EMBEDDING_MODEL, ensureModel } from '../backends/real-models.js';
import { copyOfSamples, removeTemporaryFolders, temporaryFolder, writeFiles } from './knowledge-fixture.js';

afterAll(removeTemporaryFolders);

function capture(isTTY: boolean): IngestCommandOutput & { out: string[]; err: () => string } {
  let err = '';
  const out: string[] = [];
  const stderr = Object.assign(
    new Writable({
      write(chunk, _encoding, done) {
        err += String(chunk);
        done();
      },
    }),
    { isTTY, columns: 120 },
  );
  return { stdout: (line) => out.push(line), stderr, out, err: () => err };
}

describe('switchyard ingest', () => {
  it('ingests the samples, prints a summary with counts and classes, then reports nothing changed', async () => {
    const samples = await copyOfSamples();
    const dataDir = await temporaryFolder();
    const first = capture(false);
    expect(await ingestCommand([samples], { dataDir, collection: 'handbook', tags: ['handbook'], embedder: 'lexical' }, first)).toBe(0);
    expect(first.out.join('\n')).toMatch(/Collection "handbook" updated \(generation .+\)\.\nFiles: 24 added, 0 changed, 0 unchanged, 0 removed, 0 skipped\.\nChunks: \d+ added, 0 removed, \d+ in the collection\.\nClasses: [a-z]+ \d+(, [a-z]+ \d+)*\.\nEmbedder: lexical-v1\/512\./);
    // Topics count at ingest as in the cloud re-check: sick leave (health), expenses (finance) and
    // IT security (security) chunks are restricted under the default policy; plain pages stay public.
    expect(first.out[3]).toMatch(/public \d+/);
    expect(first.out[3]).toMatch(/restricted \d+/);
    expect(first.err()).toBe('');

    const second = capture(false);
    expect(await ingestCommand([samples], { dataDir, collection: 'handbook', tags: ['handbook'], embedder: 'lexical' }, second)).toBe(0);
    expect(second.out[0]).toBe('Collection "handbook": nothing changed.');
    expect(second.out[1]).toBe('Files: 0 added, 0 changed, 24 unchanged, 0 removed, 0 skipped.');
  });

  it('builds a new collection with the real embedder by default once its files are present', { timeout: 120_000 }, async () => {
    await ensureModel(EMBEDDING_MODEL);
    const folder = await temporaryFolder();
    await writeFiles(folder, { 'a.md': 'The canteen serves lunch from noon.' });
    const output = capture(false);
    expect(await ingestCommand([folder], { dataDir: await temporaryFolder() }, output)).toBe(0);
    expect(output.out.join('\n')).toContain('Embedder: onnx/all-minilm:l6-v2.');
  });

  it('warns about each skipped file by name on stderr', async () => {
    const folder = await temporaryFolder();
    await writeFiles(folder, { 'ok.md': 'Fine text about the car park.', 'blob.txt': new Uint8Array([0, 1, 2, 3]) });
    const output = capture(false);
    expect(await ingestCommand([folder], { dataDir: await temporaryFolder() }, output)).toBe(0);
    expect(output.err()).toMatch(/switchyard ingest: skipped .*blob\.txt: binary content \(NUL bytes\)\n/);
    expect(output.out[1]).toContain('1 skipped');
  });

  it('exits 1 with a clear message for a missing path and says nothing was changed', async () => {
    const output = capture(false);
    expect(await ingestCommand(['/definitely/not/here'], { dataDir: await temporaryFolder() }, output)).toBe(1);
    expect(output.err()).toBe('switchyard ingest: No such file or folder: /definitely/not/here\nswitchyard ingest: nothing was changed; the previous knowledge base (if any) is intact.\n');
  });

  it('exits 1 for an unknown embedder, listing the known kinds', async () => {
    const output = capture(false);
    expect(await ingestCommand([await copyOfSamples()], { dataDir: await temporaryFolder(), embedder: 'magic' }, output)).toBe(1);
    expect(output.err()).toContain('Unknown embedder "magic"; known kinds: lexical, onnx, ollama, openai');
  });

  it('draws a progress bar with an ETA on a terminal, and none otherwise', async () => {
    const samples = await copyOfSamples();
    const terminal = capture(true);
    expect(await ingestCommand([samples], { dataDir: await temporaryFolder() }, terminal)).toBe(0);
    expect(terminal.err()).toMatch(/ingest \[.*\] \d+\/24 files \| \d+% \| ETA/);
  });
});
