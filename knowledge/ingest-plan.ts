/**
 * Incremental re-ingest: what changed since the last generation. A file's fingerprint is the
 * sha256 of its bytes and of the settings that shape its chunks (size, overlap, tags, groups), so
 * an unchanged file is skipped, an edited or re-tagged one replaced, and one that is gone removed.
 */
import { createHash } from 'node:crypto';
import { sep } from 'node:path';
import type { CollectionManifest } from './collection-types.js';
import type { ScanResult, ScannedFile, SkippedFile } from './file-scanner.js';

/** Reads a file's bytes; injectable so tests can fail an ingest halfway. */
export type FileReader = (path: string) => Promise<Uint8Array>;

/** What an ingest will do. */
export interface IngestPlan {
  /** New or changed files with their bytes and fingerprints. */
  toIngest: Array<ScannedFile & { bytes: Uint8Array; fingerprint: string; change: 'added' | 'changed' }>;
  unchanged: ScannedFile[];
  /** Manifest keys (absolute paths) of files that are gone. */
  removed: string[];
  skipped: SkippedFile[];
}

// A file that cannot be read right now is skipped; any other failure aborts the ingest.
const unreadableCodes = new Set(['EACCES', 'EPERM', 'EISDIR', 'ENOENT', 'ELOOP']);

/** Compares the scan with the previous manifest (undefined for a new collection). */
export async function planIngest(scan: ScanResult, previous: CollectionManifest | undefined, settingsKey: string, readFile: FileReader): Promise<IngestPlan> {
  const plan: IngestPlan = { toIngest: [], unchanged: [], removed: [], skipped: [...scan.skipped] };
  const present = new Set<string>();
  for (const file of scan.files) {
    present.add(file.path);
    let bytes: Uint8Array;
    try {
      bytes = await readFile(file.path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === undefined || !unreadableCodes.has(code)) throw error;
      const kept = previous?.files[file.path] ? '; its previously ingested version is kept' : '';
      plan.skipped.push({ source: file.source, reason: `cannot be read (${code})${kept}` });
      continue;
    }
    const fingerprint = createHash('sha256').update(settingsKey).update('\0').update(bytes).digest('hex');
    const before = previous?.files[file.path];
    if (before?.fingerprint === fingerprint) plan.unchanged.push(file);
    else plan.toIngest.push({ ...file, bytes, fingerprint, change: before ? 'changed' : 'added' });
  }
  for (const key of Object.keys(previous?.files ?? {})) {
    const underRoot = scan.roots.some((root) => key === root || key.startsWith(root.endsWith(sep) ? root : root + sep));
    if (underRoot && !present.has(key)) plan.removed.push(key);
  }
  return plan;
}

/** The settings part of a fingerprint. */
export function settingsKey(settings: { chunkSize: number; chunkOverlap: number; tags: readonly string[]; accessGroups: readonly string[] }): string {
  return JSON.stringify({ splitter: 1, chunkSize: settings.chunkSize, chunkOverlap: settings.chunkOverlap, tags: [...settings.tags].sort(), accessGroups: [...settings.accessGroups].sort() });
}
