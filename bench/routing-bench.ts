/**
 * Routing overhead: loading and checking a policy, and the per-request decision that runs inside
 * workflow code, against the cost of only parsing the YAML (the baseline) measured in the same run.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parse } from 'yaml';
import { classifyByPolicy } from '../routing/data-classes.js';
import { parsePolicy } from '../routing/policy-loader.js';
import { route } from '../routing/route.js';
import { printBenchTable, type BenchTable } from './bench-table.js';
import { quantile, timePerCall } from './measure.js';

/** Run the routing benchmark. */
export async function runRoutingBench(): Promise<BenchTable> {
  const text = readFileSync('policies/default.yaml', 'utf8');
  const policy = parsePolicy(text, 'policies/default.yaml');
  const baseline = timePerCall(() => parse(text), { batch: 200 });
  const load = timePerCall(() => parsePolicy(text, 'policies/default.yaml'), { batch: 200 });
  const decide = timePerCall(() => route({ dataClass: 'public', sensitive: false, taskType: 'code', department: 'sales' }, policy), { batch: 20_000 });
  const classify = timePerCall(() => classifyByPolicy(policy, ['EMAIL_ADDRESS', 'CREDIT_CARD']), { batch: 20_000 });
  const baselineMedian = quantile(baseline, 0.5);
  const row = (name: string, samples: number[]) => [name, +(quantile(samples, 0.5) * 1000).toPrecision(3), +(quantile(samples, 0.9) * 1000).toPrecision(3), +(quantile(samples, 0.5) / baselineMedian).toPrecision(3)];
  return {
    title: 'Routing (median of 9 samples; µs per call; ratio = median ÷ YAML-parse-only median)',
    columns: ['operation', 'median µs', 'p90 µs', 'ratio to YAML parse'],
    rows: [row('YAML parse only (baseline)', baseline), row('load policy: parse + zod + checks + hash', load), row('route() decision', decide), row('class from entity types', classify)],
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) printBenchTable(await runRoutingBench());
