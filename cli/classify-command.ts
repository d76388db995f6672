/**
 * `switchyard classify [file]`: JSONL in (`{"id","text"}` per line), JSONL out
 * (`{"id","dataClass","sensitive","entities":[{"type","start","end"}],"ms"}`). A bad line yields an
 * error record naming the line, and the rest of the batch still runs.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Classifier } from '../classification/classifier.js';
import { verdictOf } from '../routing/data-classes.js';
import type { Policy } from '../routing/policy-schema.js';

/** One output line. */
export type ClassifyRecord =
  | { id: unknown; dataClass: string; sensitive: boolean; entities: Array<{ type: string; start: number; end: number }>; topics: string[]; ms: number; failure?: string }
  | { id: unknown; line: number; error: string };

/** Classify one JSONL line; never throws. */
export async function classifyLine(line: string, lineNumber: number, classifier: Classifier, policy: Policy): Promise<ClassifyRecord> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch (error) {
    return { id: null, line: lineNumber, error: `line ${lineNumber}: not valid JSON (${(error as Error).message})` };
  }
  const record = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as { id?: unknown; text?: unknown };
  const id = record.id ?? null;
  if (typeof record.text !== 'string') return { id, line: lineNumber, error: `line ${lineNumber}: expected {"id", "text"} with "text" a string, got ${typeof parsed !== 'object' || parsed === null ? JSON.stringify(parsed) : `text: ${typeof record.text}`}` };
  if (record.text.length === 0) return { id, line: lineNumber, error: `line ${lineNumber}: "text" is empty; nothing to classify` };
  const output = await classifier.classify(record.text);
  const verdict = verdictOf(policy, output);
  return {
    id,
    dataClass: verdict.dataClass,
    sensitive: verdict.sensitive,
    entities: output.entities.map(({ type, start, end }) => ({ type, start, end })),
    topics: (output.topics ?? []).map((topic) => topic.topic),
    ms: Math.round(output.ms * 1000) / 1000,
    ...(output.failure ? { failure: output.failure.reason } : {}),
  };
}

/** Stream JSONL from a file or stdin to stdout; returns the exit code (1 if any line failed). */
export async function classifyCommand(file: string | undefined, classifier: Classifier, policy: Policy): Promise<number> {
  const input = file && file !== '-' ? createReadStream(file, 'utf8') : process.stdin;
  const errors = await new Promise<number>((resolve, reject) => {
    const fail = (error: Error) => reject(new Error(`cannot read ${file ?? 'standard input'}: ${error.message}`));
    input.on('error', fail);
    const lines = createInterface({ input, crlfDelay: Infinity });
    // readline re-emits the stream's errors (a missing file, say) on itself.
    lines.on('error', fail);
    let lineNumber = 0;
    let failed = 0;
    let chain = Promise.resolve();
    lines.on('line', (line) => {
      const current = ++lineNumber;
      if (line.trim() === '') return;
      // Keep output in input order while reading ahead.
      chain = chain.then(async () => {
        const record = await classifyLine(line, current, classifier, policy);
        if ('error' in record) {
          failed++;
          console.error(`switchyard classify: ${record.error}`);
        }
        process.stdout.write(`${JSON.stringify(record)}\n`);
      });
    });
    lines.on('close', () => chain.then(() => resolve(failed), reject));
  });
  return errors > 0 ? 1 : 0;
}
