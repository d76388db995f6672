/** Finds the files an ingest reads: given files and folders (recursively), by extension. */
import { readdir, stat } from 'node:fs/promises';
import { extname, join, relative, resolve, sep } from 'node:path';
import { KnowledgeError } from './knowledge-error.js';

/** The document formats ingest understands. */
export type DocumentFormat = 'markdown' | 'text' | 'html' | 'pdf';

/** File extension → format. */
const formatsByExtension: Readonly<Record<string, DocumentFormat>> = {
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.txt': 'text',
  '.text': 'text',
  '.html': 'html',
  '.htm': 'html',
  '.pdf': 'pdf',
};

/** A file to ingest. */
export interface ScannedFile {
  /** Absolute path: the file's key in the collection. */
  path: string;
  /** As people name it: relative to the working folder when inside it, with "/" separators. */
  source: string;
  format: DocumentFormat;
}

/** A file left out, and why (the warning names it). */
export interface SkippedFile {
  source: string;
  reason: string;
}

/** What a scan found. */
export interface ScanResult {
  files: ScannedFile[];
  skipped: SkippedFile[];
  /** Absolute paths as given: files under them that are gone are removed from the collection. */
  roots: string[];
}

/** Scans paths; a missing path or a folder without any supported file throws a clear KnowledgeError. */
export async function scanPaths(paths: readonly string[], workingDirectory = process.cwd()): Promise<ScanResult> {
  if (paths.length === 0) throw new KnowledgeError('EmptyInput', 'No paths given: name the files or folders to ingest');
  const result: ScanResult = { files: [], skipped: [], roots: [] };
  for (const given of paths) {
    const root = resolve(workingDirectory, given);
    const info = await stat(root).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT' || error.code === 'ENOTDIR') throw new KnowledgeError('MissingPath', `No such file or folder: ${given}`);
      throw new KnowledgeError('MissingPath', `Cannot read ${given}: ${error.message}`, { cause: error });
    });
    result.roots.push(root);
    const before = result.files.length;
    if (info.isDirectory()) await walk(root, result, workingDirectory);
    else addFile(root, result, workingDirectory);
    if (info.isDirectory() && result.files.length === before) {
      throw new KnowledgeError('EmptyInput', `Folder ${given} holds no Markdown, text, HTML or PDF files (${Object.keys(formatsByExtension).join(', ')})`);
    }
  }
  // A file named twice (a folder and a file inside it) is ingested once.
  result.files = [...new Map(result.files.map((file) => [file.path, file])).values()].sort((a, b) => a.path.localeCompare(b.path));
  return result;
}

/** How a path is shown: relative to the working folder when inside it. */
function sourceName(path: string, workingDirectory = process.cwd()): string {
  const inside = relative(workingDirectory, path);
  return (inside.startsWith('..') || inside === '' ? path : inside).split(sep).join('/');
}

async function walk(folder: string, result: ScanResult, workingDirectory: string): Promise<void> {
  let entries;
  try {
    entries = await readdir(folder, { withFileTypes: true });
  } catch (error) {
    result.skipped.push({ source: sourceName(folder, workingDirectory), reason: `folder cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` });
    return;
  }
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    // Hidden entries (.git, .DS_Store, editor swap files) are never knowledge.
    if (entry.name.startsWith('.')) continue;
    const path = join(folder, entry.name);
    if (entry.isDirectory()) await walk(path, result, workingDirectory);
    else if (entry.isFile() || entry.isSymbolicLink()) addFile(path, result, workingDirectory);
  }
}

function addFile(path: string, result: ScanResult, workingDirectory: string): void {
  const format = formatsByExtension[extname(path).toLowerCase()];
  const source = sourceName(path, workingDirectory);
  if (format) result.files.push({ path, source, format });
  else result.skipped.push({ source, reason: `unsupported file type "${extname(path) || '(none)'}"` });
}
