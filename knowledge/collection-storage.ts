/**
 * A collection's folder on disk. Each ingest writes a complete new generation (manifest, chunks,
 * HNSW index) into its own folder, then swaps the one-line `CURRENT` pointer with a rename, which
 * is atomic on POSIX file systems: a reader sees the old generation or the new one, never a half-
 * written one, and an ingest that dies before the swap leaves the previous generation in charge.
 *
 *   <dataDir>/<collection>/CURRENT                  name of the live generation
 *   <dataDir>/<collection>/generations/<name>/      manifest.json, chunks.json, index.hnsw
 *   <dataDir>/<collection>/ingest.lock              one ingest at a time
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { ChunkRecord, CollectionManifest } from './collection-types.js';
import { KnowledgeError } from './knowledge-error.js';

/** File names inside a generation. */
export const generationFiles = { manifest: 'manifest.json', chunks: 'chunks.json', index: 'index.hnsw' } as const;

/** The folder of a collection; the name must be a plain identifier (no path tricks). */
export function collectionDirectory(dataDir: string, collection: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(collection)) {
    throw new KnowledgeError('InvalidOption', `Collection name "${collection}" must be letters, digits, ".", "_" or "-" (starting with a letter or digit)`);
  }
  return join(dataDir, collection);
}

/** The live generation's name, or undefined when the collection has never been written. */
export async function readCurrentGeneration(directory: string): Promise<string | undefined> {
  try {
    const name = (await readFile(join(directory, 'CURRENT'), 'utf8')).trim();
    if (!/^[\w.-]+$/.test(name)) throw new KnowledgeError('CorruptIndex', `${join(directory, 'CURRENT')} is corrupt: "${name.slice(0, 40)}" is not a generation name`);
    return name;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** The folder of a generation. */
export function generationDirectory(directory: string, generation: string): string {
  return join(directory, 'generations', generation);
}

/** Reads a generation's manifest and chunks; unreadable or unparsable files throw `CorruptIndex` naming them. */
export async function readGeneration(directory: string, generation: string): Promise<{ manifest: CollectionManifest; chunks: ChunkRecord[] }> {
  const folder = generationDirectory(directory, generation);
  const manifest = await readManifest(directory, generation);
  const chunks = await readJson<ChunkRecord[]>(join(folder, generationFiles.chunks));
  if (!Array.isArray(chunks) || chunks.length !== manifest.chunkCount) {
    throw new KnowledgeError('CorruptIndex', `${join(folder, generationFiles.chunks)} is corrupt: expected ${manifest.chunkCount} chunks`);
  }
  return { manifest, chunks };
}

/** Reads and checks a generation's manifest only (cheap: no chunk texts). */
export async function readManifest(directory: string, generation: string): Promise<CollectionManifest> {
  const file = join(generationDirectory(directory, generation), generationFiles.manifest);
  const manifest = await readJson<CollectionManifest>(file);
  if (manifest?.format !== 1 || typeof manifest.embedder?.id !== 'string' || typeof manifest.files !== 'object') {
    throw new KnowledgeError('CorruptIndex', `${file} is not a Switchyard collection manifest (format 1)`);
  }
  return manifest;
}

/**
 * Writes a new generation with `write(folder)` and makes it current; on any failure the partial
 * folder is removed and CURRENT is untouched. Keeps the previous generation (a reader may still be
 * opening it) and deletes older ones. Returns the new generation's name.
 */
export async function commitGeneration(directory: string, write: (folder: string) => Promise<void>): Promise<string> {
  const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomBytes(3).toString('hex')}`;
  const partial = join(directory, 'generations', `${name}.partial`);
  await mkdir(partial, { recursive: true });
  try {
    await write(partial);
    await syncFolder(partial);
    await rename(partial, generationDirectory(directory, name));
  } catch (error) {
    await rm(partial, { recursive: true, force: true });
    throw error;
  }
  const previous = await readCurrentGeneration(directory).catch(() => undefined);
  await writeFileAtomically(join(directory, 'CURRENT'), `${name}\n`);
  await removeGenerationsExcept(directory, [name, previous]);
  return name;
}

/** Writes a file via a temporary sibling, fsync and rename, so readers never see part of it. */
async function writeFileAtomically(file: string, content: string | Uint8Array): Promise<void> {
  const temporary = `${file}.${process.pid}.${randomBytes(3).toString('hex')}.tmp`;
  const handle = await open(temporary, 'w');
  try {
    await handle.writeFile(content);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temporary, file);
}

async function removeGenerationsExcept(directory: string, keep: Array<string | undefined>): Promise<void> {
  const folder = join(directory, 'generations');
  for (const entry of await readdir(folder)) {
    // Also sweeps `.partial` folders left by an ingest that was killed; the caller holds the lock.
    if (!keep.includes(entry)) await rm(join(folder, entry), { recursive: true, force: true });
  }
}

async function syncFolder(folder: string): Promise<void> {
  for (const entry of await readdir(folder)) {
    const handle = await open(join(folder, entry), 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  }
}

async function readJson<T>(file: string): Promise<T> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new KnowledgeError('CorruptIndex', `${file} cannot be read: ${(error as Error).message}`, { cause: error });
  }
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    throw new KnowledgeError('CorruptIndex', `${file} is corrupt: ${(error as Error).message}`, { cause: error });
  }
}
