/**
 * Builds dev-corpus.jsonl from the hand-written, annotated files in source/. Writing the labels
 * inline (⟦TYPE|text⟧) keeps every span exact; offsets are computed here, never typed by hand.
 * Run: npx tsx test/corpus/build-corpus.ts
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { EntityType } from '../../classification/classifier.js';
import { DEV_CORPUS_PATH, serializeCorpus, type CorpusRecord, type LabelledEntity } from './corpus-record.js';

const SOURCE_DIRECTORY = fileURLToPath(new URL('./source/', import.meta.url));
/* ⟦ and ⟧ (U+27E6/U+27E7) never occur in the prompts themselves, unlike [[ ]] in code. */
const LABEL = /⟦([A-Z_]+)\|([^⟦⟧]*)⟧/g;
const RECORD_HEADER = /^### (\S+)\s*$/;

/** Turns one annotated text into plain text plus labelled spans. */
export function parseAnnotatedText(annotated: string): { text: string; entities: LabelledEntity[] } {
  const entities: LabelledEntity[] = [];
  let text = '';
  let consumed = 0;
  for (const match of annotated.matchAll(LABEL)) {
    text += annotated.slice(consumed, match.index);
    const start = text.length;
    text += match[2]!;
    entities.push({ type: match[1] as EntityType, start, end: text.length });
    consumed = match.index + match[0].length;
  }
  text += annotated.slice(consumed);
  if (/[⟦⟧]/.test(text)) throw new Error(`unbalanced label brackets in: ${annotated.slice(0, 80)}`);
  return { text, entities };
}

/** Splits one source file into records: a "### id" line, then the record's text. */
export function parseSourceFile(content: string): CorpusRecord[] {
  const records: CorpusRecord[] = [];
  let current: { id: string; lines: string[] } | undefined;
  const flush = (): void => {
    if (current === undefined) return;
    records.push({ id: current.id, ...parseAnnotatedText(current.lines.join('\n').replace(/\n+$/, '')) });
  };
  for (const line of content.split('\n')) {
    const header = RECORD_HEADER.exec(line);
    if (header !== null) {
      flush();
      current = { id: header[1]!, lines: [] };
    } else if (current !== undefined) {
      current.lines.push(line);
    }
  }
  flush();
  return records;
}

/** Every record of every source file, in file-name order; ids must be unique. */
export function buildCorpus(directory: string = SOURCE_DIRECTORY): CorpusRecord[] {
  const files = readdirSync(directory).filter((file) => file.endsWith('.txt')).sort();
  const records = files.flatMap((file) => parseSourceFile(readFileSync(`${directory}${file}`, 'utf8')));
  const seen = new Set<string>();
  for (const record of records) {
    if (seen.has(record.id)) throw new Error(`duplicate corpus id "${record.id}"`);
    seen.add(record.id);
  }
  return records;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const records = buildCorpus();
  writeFileSync(DEV_CORPUS_PATH, serializeCorpus(records));
  console.log(`wrote ${records.length} records to ${DEV_CORPUS_PATH}`);
}
