import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { trainTopicsCommand } from '../../../cli/train-topics-command.js';
import { readTopicModelFile } from '../../../classification/topics/topic-model-file.js';

const GOOD: Record<string, string[]> = {
  billing: ['Refund my last invoice', 'I was charged twice this month', 'Update the card on my subscription', 'Why is my bill higher', 'Cancel the annual plan and refund me', 'The invoice total is wrong'],
  shipping: ['Where is my parcel', 'The courier lost my package', 'Change the delivery address', 'My order has not arrived', 'Track the shipment please', 'The box arrived damaged in transit'],
};

const lines = (topics: Record<string, string[]>): string[] =>
  Object.entries(topics).flatMap(([topic, texts]) => texts.map((text) => JSON.stringify({ text, topic })));

describe('switchyard topics train', () => {
  let folder: string;
  let stdout: string[];
  let stderr: string[];

  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'switchyard-topics-'));
    stdout = [];
    stderr = [];
    vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void stdout.push(args.join(' ')));
    vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void stderr.push(args.join(' ')));
  });

  afterEach(async () => {
    vi.restoreAllMocks();
    await rm(folder, { recursive: true, force: true });
  });

  it('reports cross-validated quality and writes <name>.model.json next to the input', async () => {
    const file = join(folder, 'support.jsonl');
    await writeFile(file, `${lines(GOOD).join('\n')}\n`);
    expect(await trainTopicsCommand(file, { folds: 3 })).toBe(0);
    const output = stdout.join('\n');
    expect(output).toMatch(/3-fold cross-validated accuracy: \d+\.\d%/);
    expect(output).toMatch(/billing.*6.*%.*%/);
    expect(output).toMatch(/shipping/);
    expect(stderr).toEqual([]);
    const model = await readTopicModelFile(join(folder, 'support.model.json'));
    expect(model.topics).toEqual(['billing', 'shipping']);
    expect(model.predict('my parcel was lost by the courier')[0]!.topic).toBe('shipping');
  });

  it('names each bad line, keeps going, writes the model from the good lines and exits 1', async () => {
    const file = join(folder, 'mixed.jsonl');
    const good = lines(GOOD);
    await writeFile(file, [good[0], '{"text": "no topic"}', ...good.slice(1, 7), 'not json at all', ...good.slice(7)].join('\n'));
    const out = join(folder, 'custom.json');
    expect(await trainTopicsCommand(file, { out, folds: 3 })).toBe(1);
    expect(stderr.some((line) => line.includes(`${file}:2:`) && line.includes('"topic"'))).toBe(true);
    expect(stderr.some((line) => line.includes(`${file}:9:`) && line.includes('not valid JSON'))).toBe(true);
    expect(stderr.at(-1)).toMatch(/2 line\(s\) skipped/);
    expect((await readTopicModelFile(out)).topics).toEqual(['billing', 'shipping']);
  });

  it('refuses to train when a topic has fewer than 5 examples, naming it', async () => {
    const file = join(folder, 'small.jsonl');
    await writeFile(file, lines({ ...GOOD, returns: ['Return these shoes', 'How do I send it back', 'Return label please'] }).join('\n'));
    expect(await trainTopicsCommand(file, {})).toBe(1);
    expect(stderr.join('\n')).toMatch(/topic "returns" has 3 example\(s\); at least 5 are needed/);
    await expect(readFile(join(folder, 'small.model.json'))).rejects.toThrow(/ENOENT/);
  });

  it('fails with a clear message for a missing file, one topic, or bad folds', async () => {
    expect(await trainTopicsCommand(join(folder, 'missing.jsonl'), {})).toBe(1);
    expect(stderr.at(-1)).toMatch(/cannot read .*missing\.jsonl/);
    const file = join(folder, 'one.jsonl');
    await writeFile(file, lines({ billing: GOOD.billing! }).join('\n'));
    expect(await trainTopicsCommand(file, {})).toBe(1);
    expect(stderr.at(-1)).toMatch(/at least 2 topics are needed/);
    expect(await trainTopicsCommand(file, { folds: 1 })).toBe(1);
    expect(stderr.at(-1)).toMatch(/--folds must be an integer of at least 2/);
  });
});
