/**
 * Latency of the default classifier on realistic prompts of 200 B to 200 KB (built from the
 * development corpus), plus adversarial inputs crafted against each detector's regexes.
 * Run alone: npx tsx bench/classifier-bench.ts
 */
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import type { Classifier } from '../classification/classifier.js';
import { createDefaultClassifier, createStructuredOnlyClassifier } from '../classification/default-classifier.js';
import { groupOf, loadCorpus } from '../test/corpus/corpus-record.js';
import { adversarialInputs } from '../test/classification/detector-fixtures.js';
import { generateAdversarialCases, onePerFamily } from '../test/adversarial/adversarial-cases.js';
import { printBenchTable, type BenchTable } from './bench-table.js';
import { quantile } from './measure.js';

/** Sizes measured, with iteration counts that keep the whole run to a few seconds. */
const SIZES = [
  { label: '200 B', bytes: 200, iterations: 3_000 },
  { label: '2 KB', bytes: 2_000, iterations: 2_000 },
  { label: '20 KB', bytes: 20_000, iterations: 300 },
  { label: '200 KB', bytes: 200_000, iterations: 40 },
] as const;
/**
 * Calls before timing starts (fewer when a size has fewer iterations). The p99 is that of a warmed,
 * long-running worker: with 50, a third of the 2 KB row's slow calls were the optimizing compiler
 * still at work on the detectors (no garbage collection in those calls); from ~200 on, every
 * slow call is a collection.
 */
const WARM_UP_ITERATIONS = 300;
const ADVERSARIAL_BYTES = 200_000;
/** Corpus groups of ordinary prompts (questions, code, hard negatives): few numbers, so few numeric-view windows. */
const PROSE_GROUPS = new Set(['question', 'code']);

/** Corpus prompts joined (in a fixed order) and cut to `length` characters. */
function realisticText(texts: readonly string[], length: number): string {
  let text = '';
  for (let round = 0; text.length < length; round++) text += `${texts[round % texts.length]}\n\n`;
  return text.slice(0, length);
}

/** Milliseconds per call, one sample per call (a p99 needs single calls, not batches), after warm-up. */
async function sample(classifier: Classifier, text: string, iterations: number, warmUp = WARM_UP_ITERATIONS, cpu?: number[]): Promise<number[]> {
  for (let index = 0; index < Math.min(warmUp, iterations); index++) await classifier.classify(text);
  const samples: number[] = [];
  for (let index = 0; index < iterations; index++) {
    const started = performance.now();
    const cpuBefore = cpu === undefined ? undefined : process.cpuUsage();
    const output = await classifier.classify(text);
    samples.push(performance.now() - started);
    if (cpu !== undefined) {
      const used = process.cpuUsage(cpuBefore);
      cpu.push((used.user + used.system) / 1_000);
    }
    // A fail-closed result would make the timing meaningless (a skipped scan is fast).
    if (output.failure !== undefined) throw new Error(`benchmark input failed classification: ${output.failure.reason}`);
  }
  return samples;
}

/**
 * Milliseconds per call for each variant, the variants taking turns in rounds (after each one's
 * warm-up): on a shared machine a burst of load then slows every variant, not only the one measured.
 */
async function sampleInterleaved(variants: readonly { classifier: Classifier; text: string }[], iterations: number, rounds = 8): Promise<{ wall: number[]; cpu: number[] }[]> {
  const samples = variants.map(() => ({ wall: [] as number[], cpu: [] as number[] }));
  for (const variant of variants) for (let index = 0; index < WARM_UP_ITERATIONS; index++) await variant.classifier.classify(variant.text);
  for (let turn = 0; turn < rounds; turn++) {
    for (const [index, variant] of variants.entries()) {
      samples[index]!.wall.push(...(await sample(variant.classifier, variant.text, Math.ceil(iterations / rounds), 0, samples[index]!.cpu)));
    }
  }
  return samples;
}

const round = (value: number, digits = 3): number => Number(value.toFixed(digits));

/** Milliseconds of `runs` single calls, and whether any failed closed. */
async function timeRuns(classifier: Classifier, text: string, runs: number): Promise<{ times: number[]; failed: boolean }> {
  const times: number[] = [];
  let failed = false;
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    const output = await classifier.classify(text);
    times.push(performance.now() - started);
    failed ||= output.failure !== undefined;
  }
  return { times, failed };
}

/** One single-part spelling per adversarial family, each as a line of text to repeat. */
function adversarialSpellings(): { family: string; text: string }[] {
  return onePerFamily(generateAdversarialCases())
    .filter((adversarialCase) => adversarialCase.parts.length === 1)
    .map((adversarialCase) => ({ family: adversarialCase.family, text: `${adversarialCase.parts[0]!.text}\n` }));
}

/** Runs the classifier benchmark and returns its table. */
export async function runClassifierBench(): Promise<BenchTable> {
  const classifier = createStructuredOnlyClassifier();
  const records = loadCorpus();
  const corpusTexts = records.map((record) => record.text);
  const rows: (string | number)[][] = [];
  const medians = new Map<number, number>();
  for (const size of SIZES) {
    const text = realisticText(corpusTexts, size.bytes);
    const samples = await sample(classifier, text, size.iterations);
    const median = quantile(samples, 0.5);
    medians.set(size.bytes, median);
    rows.push([`realistic ${size.label}`, size.iterations, round(median), round(quantile(samples, 0.99)), round(size.bytes / 1e6 / (median / 1e3), 2)]);
  }
  // Time per KB relative to 2 KB: 1.0 means linear growth; much above 1 means super-linear work.
  const perKbAt2Kb = medians.get(2_000)! / 2;
  for (const [index, size] of SIZES.entries()) rows[index]!.push(round(medians.get(size.bytes)! / (size.bytes / 1_000) / perKbAt2Kb, 2));
  // Before and after canonical views on the same 2 KB, interleaved so that load on a shared machine falls on every variant alike.
  const twoKb = realisticText(corpusTexts, 2_000);
  const prose = realisticText(records.filter((record) => PROSE_GROUPS.has(groupOf(record))).map((record) => record.text), 2_000);
  const variants: { label: string; classifier: Classifier; text: string }[] = [
    { label: 'realistic 2 KB, before: raw text, no canonical views', classifier: createStructuredOnlyClassifier({ views: 'raw' }), text: twoKb },
    { label: 'realistic 2 KB, canonical view only', classifier: createStructuredOnlyClassifier({ views: 'canonical' }), text: twoKb },
    { label: 'realistic 2 KB, after, numeric view whole (no windows)', classifier: createStructuredOnlyClassifier({ numericWindows: false }), text: twoKb },
    { label: 'realistic 2 KB, after (the engine as shipped)', classifier, text: twoKb },
    { label: 'prose 2 KB (questions, code), before: raw text', classifier: createStructuredOnlyClassifier({ views: 'raw' }), text: prose },
    { label: 'prose 2 KB, after, numeric view whole (no windows)', classifier: createStructuredOnlyClassifier({ numericWindows: false }), text: prose },
    { label: 'prose 2 KB, after (the engine as shipped)', classifier, text: prose },
  ];
  const interleaved = await sampleInterleaved(variants, 2_000);
  const cpuTails: string[] = [];
  for (const [index, variant] of variants.entries()) {
    const { wall, cpu } = interleaved[index]!;
    rows.push([variant.label, wall.length, round(quantile(wall, 0.5)), round(quantile(wall, 0.99)), round(2_000 / 1e6 / (quantile(wall, 0.5) / 1e3), 2), '']);
    cpuTails.push(`${variant.label}: ${round(quantile(cpu, 0.5))} / ${round(quantile(cpu, 0.99))}`);
  }
  // The full engine (structured + names + topics) against the structured part in the same run.
  const engine = createDefaultClassifier();
  const engineRows: { row: (string | number)[]; median: number; kb: number }[] = [];
  for (const size of SIZES) {
    const samples = await sample(engine, realisticText(corpusTexts, size.bytes), Math.max(5, Math.round(size.iterations / 15)));
    const median = quantile(samples, 0.5);
    const row = [`full engine ${size.label} (x${round(median / medians.get(size.bytes)!, 1)} of structured)`, samples.length, round(median), round(quantile(samples, 0.99)), round(size.bytes / 1e6 / (median / 1e3), 2)];
    engineRows.push({ row, median, kb: size.bytes / 1_000 });
  }
  const enginePerKbAt2Kb = engineRows[1]!.median / 2;
  for (const { row, median, kb } of engineRows) rows.push([...row, round(median / kb / enginePerKbAt2Kb, 2)]);
  // Adversarial inputs: three runs each (median and slowest shown); the first run also warms the code the family rows use.
  let worst = { label: '', ms: 0 };
  for (const [label, text] of Object.entries(adversarialInputs(ADVERSARIAL_BYTES))) {
    const { times, failed } = await timeRuns(classifier, text, 3);
    const median = quantile(times, 0.5);
    if (median > worst.ms) worst = { label, ms: median };
    rows.push([`adversarial: ${label}${failed ? ' (failed closed)' : ''}`, times.length, round(median, 1), round(Math.max(...times), 1), round(ADVERSARIAL_BYTES / 1e6 / (median / 1e3), 2), '']);
  }
  // One spelling of each adversarial family repeated to 20 KB and 200 KB: per-KB time should not grow.
  // Best of three runs per size: a burst of load on a shared machine inflates single runs, never the best one.
  let worstGrowth = { label: '', growth: 0 };
  for (const spelling of adversarialSpellings()) {
    const bestAt = async (bytes: number, runs: number): Promise<number> => {
      const text = spelling.text.repeat(Math.ceil(bytes / spelling.text.length)).slice(0, bytes);
      return Math.min(...(await timeRuns(classifier, text, runs)).times);
    };
    // A 20 KB run takes a few ms, so one preemption skews it: five runs there, three at 200 KB.
    const small = await bestAt(20_000, 5);
    const large = await bestAt(200_000, 3);
    const growth = large / 10 / small;
    if (growth > worstGrowth.growth) worstGrowth = { label: spelling.family, growth };
    rows.push([`family: ${spelling.family} (200 KB, best of 3)`, 3, round(large, 1), round(large, 1), round(0.2 / (large / 1e3), 2), round(growth, 2)]);
  }
  return {
    title: 'Classifier latency: structured detectors (the 2 ms target), then the full engine with names and topics',
    columns: ['input', 'iterations', 'median ms', 'p99 ms', 'MB/s', 'linear growth (x of 2 KB per KB)'],
    rows,
    notes: [
      `machine: ${os.cpus().length} x ${os.cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}`,
      'target (reported, not asserted): p99 under 2 ms for 2 KB; "before" = the same detectors on the raw text (no canonical, numeric or decoded views)',
      'the 2 KB before/after and prose rows take turns in 8 rounds, so load on a shared machine falls on each alike',
      `the same rows in CPU ms (p50 / p99; the process's CPU time per call, which time spent waiting for a shared core does not inflate): ${cpuTails.join('; ')}`,
      `slowest adversarial input: ${worst.label} at ${worst.ms.toFixed(1)} ms (median of 3) for ${ADVERSARIAL_BYTES / 1000} KB`,
      `family rows: growth = (best of 3 at 200 KB / 10) / best of 5 at 20 KB, 1.0 = linear; worst ${worstGrowth.label} at ${worstGrowth.growth.toFixed(2)}`,
    ],
  };
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  printBenchTable(await runClassifierBench());
}
