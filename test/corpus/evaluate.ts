/**
 * Runs a classifier (default: the default classifier) over a labelled corpus and reports, per
 * entity type, support, TP, FP, FN, precision, recall and F2 (match rule: see span-scoring.ts).
 * Run: npx tsx test/corpus/evaluate.ts [--corpus file.jsonl] [--mistakes]
 */
import { fileURLToPath } from 'node:url';
import type { Classifier, EntityType } from '../../classification/classifier.js';
import { createDefaultClassifier } from '../../classification/default-classifier.js';
import { ENTITY_TYPES } from '../../classification/entity-types.js';
import { loadCorpus, type CorpusRecord } from './corpus-record.js';
import { rates, scoreRecord, sumCounts, type ScoringMistake, type TypeCounts } from './span-scoring.js';

/**
 * Types the named-entity classifier reports, not the structured detectors. They are scored only
 * when the classifier under test reported them at least once; otherwise their row shows support only.
 */
export const NAMED_ENTITY_TYPES: ReadonlySet<EntityType> = new Set<EntityType>(['PERSON', 'LOCATION', 'ORGANIZATION']);
/** Every other type: found by structured detectors, always scored. */
export const STRUCTURED_TYPES: readonly EntityType[] = ENTITY_TYPES.filter((type) => !NAMED_ENTITY_TYPES.has(type));

/** One row of the evaluation table. */
export interface TypeEvaluation extends TypeCounts {
  type: EntityType;
  /** False for a named-entity type the classifier never reported. */
  scored: boolean;
  precision: number;
  recall: number;
  f2: number;
}

/** Everything the evaluator found out about one classifier on one corpus. */
export interface CorpusEvaluation {
  records: number;
  rows: TypeEvaluation[];
  /** Micro-averaged over the structured types. */
  structured: TypeCounts & { precision: number; recall: number; f2: number };
  mistakes: (ScoringMistake & { id: string; text: string })[];
  /** Records whose classification failed (fail-closed); none expected on the corpus. */
  failures: { id: string; reason: string }[];
}

/** Classifies every record and scores the findings against the labels. */
export async function evaluateCorpus(records: readonly CorpusRecord[], classifier: Classifier = createDefaultClassifier()): Promise<CorpusEvaluation> {
  const counts = new Map<EntityType, TypeCounts>();
  const reported = new Set<EntityType>();
  const mistakes: CorpusEvaluation['mistakes'] = [];
  const failures: CorpusEvaluation['failures'] = [];
  for (const record of records) {
    const output = await classifier.classify(record.text);
    if (output.failure !== undefined) failures.push({ id: record.id, reason: output.failure.reason });
    for (const entity of output.entities) reported.add(entity.type);
    for (const mistake of scoreRecord(record.entities, output.entities, counts)) {
      mistakes.push({ ...mistake, id: record.id, text: record.text.slice(mistake.start, mistake.end) });
    }
  }
  const typesSeen = ENTITY_TYPES.filter((type) => counts.has(type));
  const rows = typesSeen.map((type): TypeEvaluation => {
    const typeCounts = counts.get(type)!;
    const scored = !NAMED_ENTITY_TYPES.has(type) || reported.has(type);
    return { type, scored, ...typeCounts, ...rates(typeCounts) };
  });
  const structuredCounts = sumCounts(STRUCTURED_TYPES.flatMap((type) => counts.get(type) ?? []));
  // Unscored named-entity mistakes are not mistakes of this classifier.
  const scoredMistakes = mistakes.filter((mistake) => rows.find((row) => row.type === mistake.type)?.scored);
  return { records: records.length, rows, structured: { ...structuredCounts, ...rates(structuredCounts) }, mistakes: scoredMistakes, failures };
}

const percent = (value: number): string => `${(value * 100).toFixed(1)}%`;

/** The evaluation as a fixed-width text table, one row per type plus the structured total. */
export function formatEvaluation(evaluation: CorpusEvaluation): string {
  const header = ['type', 'support', 'TP', 'FP', 'FN', 'precision', 'recall', 'F2'];
  const line = (row: TypeCounts & { precision: number; recall: number; f2: number }, type: string, scored: boolean): string[] =>
    scored
      ? [type, ...[row.support, row.truePositives, row.falsePositives, row.falseNegatives].map(String), percent(row.precision), percent(row.recall), percent(row.f2)]
      : [type, String(row.support), '-', '-', '-', 'not reported by this classifier', '', ''];
  const table = [
    header,
    ...evaluation.rows.map((row) => line(row, row.type, row.scored)),
    line(evaluation.structured, 'ALL STRUCTURED', true),
  ];
  const widths = header.map((_, column) => Math.max(...table.map((cells) => (cells[column] ?? '').length)));
  const render = (cells: string[]): string => cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ').trimEnd();
  const lines = [`${evaluation.records} records; match rule: same type and overlapping spans`, render(table[0]!), ...table.slice(1).map(render)];
  for (const failure of evaluation.failures) lines.push(`FAILED ${failure.id}: ${failure.reason}`);
  return lines.join('\n');
}

async function main(argv: readonly string[]): Promise<void> {
  const corpusFlag = argv.indexOf('--corpus');
  const records = loadCorpus(corpusFlag >= 0 ? argv[corpusFlag + 1] : undefined);
  const evaluation = await evaluateCorpus(records);
  console.log(formatEvaluation(evaluation));
  if (argv.includes('--mistakes')) {
    for (const mistake of evaluation.mistakes) console.log(`${mistake.kind} ${mistake.type} ${mistake.id}: ${JSON.stringify(mistake.text)}`);
  }
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  await main(process.argv.slice(2));
}
