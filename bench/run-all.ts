/**
 * `npm run bench`: every benchmark in turn, each printed as one or more tables. Figures, never
 * assertions. `npm run bench -- <name>...` runs some; `--quick` shortens the end-to-end bench.
 */
import { printBenchTable, type BenchTable } from './bench-table.js';
import { runClassifierBench } from './classifier-bench.js';
import { runEndToEndBench } from './end-to-end-bench.js';
import { runRoutingBench } from './routing-bench.js';

const benches: Array<[string, () => Promise<BenchTable | BenchTable[]>]> = [
  ['routing', runRoutingBench],
  ['classifier', runClassifierBench],
  ['end-to-end', () => runEndToEndBench()],
  ['gateway', async () => (await import('./gateway-bench.js')).runGatewayBench()],
  ['codec', async () => (await import('./codec-bench.js')).runCodecBench()],
  ['models', async () => (await import('./models-bench.js')).runModelsBench()],
];
// The knowledge bench arrives with the knowledge layer; load it when present.
try {
  const { runKnowledgeBench } = await import('./knowledge-bench.js');
  benches.push(['knowledge', runKnowledgeBench]);
} catch (error) {
  if ((error as NodeJS.ErrnoException).code !== 'ERR_MODULE_NOT_FOUND') throw error;
}

const only = process.argv.slice(2).filter((argument) => !argument.startsWith('--'));
console.log(`Switchyard benchmarks on ${process.platform}/${process.arch}, Node ${process.version}, ${(await import('node:os')).cpus().length} cores\n`);
for (const [name, run] of benches) {
  if (only.length > 0 && !only.includes(name)) continue;
  const started = performance.now();
  const tables = await run();
  for (const table of Array.isArray(tables) ? tables : [tables]) printBenchTable(table);
  console.log(`(${name}: ${((performance.now() - started) / 1000).toFixed(1)} s)\n`);
}
// The end-to-end bench's gRPC connections and child-process pipes would keep Node alive.
process.exit(0);
