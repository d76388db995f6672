/**
 * `switchyard ingest <path...>`: Markdown, text, HTML and PDF files (folders recursively) into a
 * local knowledge collection, with a progress bar (stderr, TTY only), warnings naming skipped
 * files, and a summary. Incremental: unchanged files are skipped, changed ones replaced, deleted
 * ones removed. Returns the exit code: 0 done, 1 failed (the previous knowledge base is intact).
 */
import cliProgress from 'cli-progress';
import { createDefaultClassifier } from '../classification/default-classifier.js';
import type { Classifier } from '../classification/classifier.js';
import { createEmbedderFromSpec, defaultEmbedderSpec } from '../knowledge/embedder-spec.js';
import { ingestKnowledge, type IngestOptions, type IngestReport } from '../knowledge/ingest.js';
import { KnowledgeError } from '../knowledge/knowledge-error.js';
import { defaultKnowledgeDir } from '../knowledge/knowledge-store.js';
import { loadPolicyFile } from '../routing/policy-loader.js';
import { readEnvironment } from '../workers/worker-environment.js';

/** Options of `switchyard ingest`. */
export interface IngestCommandOptions {
  /** Default "default". */
  collection?: string;
  /** Default .data/knowledge (env SWITCHYARD_KNOWLEDGE_DIR). */
  dataDir?: string;
  chunkSize?: number;
  chunkOverlap?: number;
  tags?: string[];
  /** Groups allowed to see these chunks; none = everyone. */
  accessGroups?: string[];
  /** Policy mapping entity types to data classes; default $SWITCHYARD_POLICY or policies/default.yaml. */
  policyFile?: string;
  /** `lexical` (default, env SWITCHYARD_EMBEDDER), `lexical:384`, `ollama:<model>`, `openai:<model>`. */
  embedder?: string;
  /** Ignore the existing index (e.g. a corrupt one) and build the collection afresh. */
  rebuild?: boolean;
}

/** Where the command writes; tests replace it. */
export interface IngestCommandOutput {
  stdout: (line: string) => void;
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  classifier?: Classifier;
  readFile?: IngestOptions['readFile'];
}

const processOutput: IngestCommandOutput = { stdout: (line) => console.log(line), stderr: process.stderr };

/** Runs the ingest and prints its summary; returns the exit code. */
export async function ingestCommand(paths: string[], options: IngestCommandOptions = {}, output: IngestCommandOutput = processOutput): Promise<number> {
  const warn = (message: string): void => void output.stderr.write(`switchyard ingest: ${message}\n`);
  // A bar only on a terminal: in CI logs and pipes it would be noise.
  const bar = output.stderr.isTTY
    ? new cliProgress.SingleBar({ stream: output.stderr, format: 'ingest [{bar}] {value}/{total} files | {percentage}% | ETA {eta_formatted} | {file}', hideCursor: true, clearOnComplete: true }, cliProgress.Presets.shades_classic)
    : undefined;
  try {
    const policy = await loadPolicyFile(options.policyFile ?? readEnvironment().policyFile);
    const embedder = createEmbedderFromSpec(options.embedder ?? process.env.SWITCHYARD_EMBEDDER ?? defaultEmbedderSpec());
    let started = false;
    const report = await ingestKnowledge({
      paths,
      collection: options.collection ?? 'default',
      dataDir: options.dataDir ?? process.env.SWITCHYARD_KNOWLEDGE_DIR ?? defaultKnowledgeDir,
      embedder,
      classifier: output.classifier ?? createDefaultClassifier(),
      policy,
      ...(options.chunkSize === undefined ? {} : { chunkSize: options.chunkSize }),
      ...(options.chunkOverlap === undefined ? {} : { chunkOverlap: options.chunkOverlap }),
      ...(options.tags ? { tags: options.tags } : {}),
      ...(options.accessGroups ? { accessGroups: options.accessGroups } : {}),
      ...(options.rebuild ? { rebuild: true } : {}),
      ...(output.readFile ? { readFile: output.readFile } : {}),
      onWarning: (skipped) => {
        // Erase the bar's line first; it redraws itself on the next update.
        if (started) output.stderr.write('\r\x1b[2K');
        warn(`skipped ${skipped.source}: ${skipped.reason}`);
      },
      onProgress: ({ done, total, source }) => {
        if (!bar) return;
        if (!started) bar.start(total, 0, { file: '' });
        started = true;
        bar.update(done, { file: source });
      },
    });
    bar?.stop();
    for (const line of summarise(report)) output.stdout(line);
    return 0;
  } catch (error) {
    bar?.stop();
    const detail = error instanceof KnowledgeError ? error.message : error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    warn(`${detail}\nswitchyard ingest: nothing was changed; the previous knowledge base (if any) is intact.`);
    return 1;
  }
}

/** The summary lines of a report. */
export function summarise(report: IngestReport): string[] {
  const { files, chunks } = report;
  const classes = Object.entries(report.classes).map(([name, count]) => `${name} ${count}`).join(', ') || 'none';
  return [
    report.generation === undefined ? `Collection "${report.collection}": nothing changed.` : `Collection "${report.collection}" updated (generation ${report.generation}${report.rebuilt ? ', index rebuilt' : ''}).`,
    `Files: ${files.added.length} added, ${files.changed.length} changed, ${files.unchanged.length} unchanged, ${files.removed.length} removed, ${files.skipped.length} skipped.`,
    `Chunks: ${chunks.added} added, ${chunks.removed} removed, ${chunks.total} in the collection.`,
    `Classes: ${classes}.`,
    `Embedder: ${report.embedder}. Took ${(report.ms / 1000).toFixed(1)} s.`,
  ];
}
