/** One ingest per collection at a time: an exclusive lock file holding the owner's pid. */
import { open, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { KnowledgeError } from './knowledge-error.js';

/** Takes the collection's ingest lock; a lock left by a dead process is taken over. Returns the release function. */
export async function acquireIngestLock(directory: string): Promise<() => Promise<void>> {
  const file = join(directory, 'ingest.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(file, 'wx');
      await handle.writeFile(JSON.stringify({ pid: process.pid, since: new Date().toISOString() }));
      await handle.close();
      return () => rm(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = await readOwner(file);
      if (owner === 'starting' || (owner !== undefined && isAlive(owner))) {
        throw new KnowledgeError('Locked', `Another ingest (pid ${String(owner)}) is writing collection ${directory}; wait for it to finish`);
      }
      // The owner died mid-ingest: its partial generation never became current, so the lock is stale.
      await rm(file, { force: true });
    }
  }
  throw new KnowledgeError('Locked', `Could not take the ingest lock ${file}`);
}

async function readOwner(file: string): Promise<number | 'starting' | undefined> {
  try {
    const pid = (JSON.parse(await readFile(file, 'utf8')) as { pid?: unknown }).pid;
    if (typeof pid === 'number') return pid;
  } catch {
    // Fall through: an owner may be between creating the file and writing its pid.
  }
  const age = await stat(file).then((info) => Date.now() - info.mtimeMs, () => Infinity);
  // A fresh unreadable lock is someone starting; an old one is garbage and must not block forever.
  return age < 10_000 ? 'starting' : undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
