/** `npm run bench`: every benchmark in turn, each printed as a table. Figures, never assertions. */
import { printBenchTable, type BenchTable } from './bench-table.js';
import { runClassifierBench } from './classifier-bench.js';
import { runRoutingBench } from './routing-bench.js';

const benches: Array<[string, () => Promise<BenchTable>]> = [
  ['routing', runRoutingBench],
  ['classifier', runClassifierBench],
];
// The knowledge bench arrives with the knowledge layer; load it when present.
try {
  const { runKnowledgeBench } = await import('./knowledge-bench.js');
  benches.push(['knowledge', runKnowledgeBench]);
} catch (error) {
  if ((error as NodeJS.ErrnoException).code !== 'ERR_MODULE_NOT_FOUND') throw error;
}

const only = process.argv.slice(2);
console.log(`Switchyard benchmarks on ${process.platform}/${process.arch}, Node ${process.version}, ${(await import('node:os')).cpus().length} cores\n`);
for (const [name, run] of benches) {
  if (only.length > 0 && !only.includes(name)) continue;
  const started = performance.now();
  printBenchTable(await run());
  console.log(`(${name}: ${((performance.now() - started) / 1000).toFixed(1)} s)\n`);
}
