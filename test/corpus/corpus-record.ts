/** The development corpus format: one JSON object per line with labelled entity spans. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { EntityType } from '../../classification/classifier.js';
import { ENTITY_TYPES } from '../../classification/entity-types.js';

/** One labelled span: UTF-16 offsets into `text`, end exclusive (the classifier's convention). */
export interface LabelledEntity {
  type: EntityType;
  start: number;
  end: number;
}

/** One corpus record. */
export interface CorpusRecord {
  id: string;
  text: string;
  entities: LabelledEntity[];
}

/** The committed development corpus. */
export const DEV_CORPUS_PATH = fileURLToPath(new URL('./dev-corpus.jsonl', import.meta.url));

/** Parses JSONL corpus text, checking every record's shape; errors name the line. */
export function parseCorpus(jsonl: string, source = 'corpus'): CorpusRecord[] {
  const records: CorpusRecord[] = [];
  const known = new Set<string>(ENTITY_TYPES);
  for (const [index, line] of jsonl.split('\n').entries()) {
    if (line.trim() === '') continue;
    const where = `${source}:${index + 1}`;
    const record = JSON.parse(line) as CorpusRecord;
    if (typeof record.id !== 'string' || typeof record.text !== 'string' || !Array.isArray(record.entities)) {
      throw new Error(`${where}: expected {"id","text","entities"}`);
    }
    for (const entity of record.entities) {
      if (!known.has(entity.type)) throw new Error(`${where}: unknown entity type "${entity.type}"`);
      if (!(Number.isInteger(entity.start) && Number.isInteger(entity.end) && entity.start >= 0 && entity.start < entity.end && entity.end <= record.text.length)) {
        throw new Error(`${where}: span ${entity.start}-${entity.end} is outside the text`);
      }
    }
    records.push(record);
  }
  return records;
}

/** The group a record belongs to: its id without the trailing number ("question-12" is in "question"). */
export function groupOf(record: CorpusRecord): string {
  return record.id.replace(/-\d+$/, '');
}

/** Reads and parses a JSONL corpus file (default: the development corpus). */
export function loadCorpus(path: string = DEV_CORPUS_PATH): CorpusRecord[] {
  return parseCorpus(readFileSync(path, 'utf8'), path);
}

/** One record per line, keys in a fixed order, so the committed file diffs cleanly. */
export function serializeCorpus(records: readonly CorpusRecord[]): string {
  return records
    .map((record) =>
      JSON.stringify({
        id: record.id,
        text: record.text,
        entities: record.entities.map((entity) => ({ type: entity.type, start: entity.start, end: entity.end })),
      }),
    )
    .join('\n')
    .concat('\n');
}
