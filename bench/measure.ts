/** Timing helpers shared by the benchmarks: repeated runs, median and percentiles. */

/** The q-quantile (0..1) of the values. */
export function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

/** Milliseconds per call of `fn`, measured `samples` times over batches of `batch` calls after a warm-up. */
export function timePerCall(fn: () => unknown, options: { samples?: number; batch?: number; warmup?: number } = {}): number[] {
  const { samples = 9, batch = 1000, warmup = 200 } = options;
  for (let index = 0; index < warmup; index++) fn();
  const perCall: number[] = [];
  for (let sample = 0; sample < samples; sample++) {
    const started = performance.now();
    for (let index = 0; index < batch; index++) fn();
    perCall.push((performance.now() - started) / batch);
  }
  return perCall;
}
