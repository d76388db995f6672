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

/** Run `count` calls of `call`, `clients` at a time; returns each call's ms, its results and the wall time. */
export async function drive<T>(count: number, clients: number, call: (index: number) => Promise<T>): Promise<{ ms: number[]; results: T[]; wallMs: number }> {
  const ms = new Array<number>(count);
  const results = new Array<T>(count);
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (let index = next++; index < count; index = next++) {
        const before = performance.now();
        results[index] = await call(index);
        ms[index] = performance.now() - before;
      }
    }),
  );
  return { ms, results, wallMs: performance.now() - started };
}
