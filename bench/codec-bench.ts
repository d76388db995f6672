/**
 * The payload codec's cost: MB/s of AES-256-GCM encode and decode at typical payload sizes, against
 * the same payload conversion with no codec (the baseline), measured in the same run; and the time
 * the codec adds to one routed request, from the payloads such a request moves (counted in a real
 * history by test/temporal/codec-history.test.ts: 11 encrypted payloads, each encoded once by its
 * writer and decoded at least once by its reader).
 */
import { pathToFileURL } from 'node:url';
import { defaultPayloadConverter } from '@temporalio/common';
import { parseInlineKeys } from '../temporal/key-store.js';
import { AesGcmPayloadCodec } from '../temporal/payload-codec.js';
import { printBenchTable, type BenchTable } from './bench-table.js';
import { quantile, timePerCall } from './measure.js';

/** Payloads one routed request writes to history (counted in test/temporal/codec-history.test.ts). */
const PAYLOADS_PER_ROUTED_REQUEST = 11;

/** Run the codec benchmark. */
export async function runCodecBench(): Promise<BenchTable> {
  const codec = new AesGcmPayloadCodec(parseInlineKeys(`bench:${Buffer.alloc(32, 7).toString('base64')}`));
  const rows: (string | number)[][] = [];
  const perOp = new Map<number, { encode: number; decode: number }>();
  for (const bytes of [1_024, 16_384, 262_144, 1_048_576]) {
    const value = { prompt: 'x'.repeat(bytes) };
    const clear = defaultPayloadConverter.toPayload(value);
    const sealed = codec.encryptOne(clear);
    const batch = Math.max(5, Math.floor(4_000_000 / bytes));
    // Baseline: what every payload costs without a codec (value → payload → value).
    const baseline = quantile(timePerCall(() => defaultPayloadConverter.fromPayload(defaultPayloadConverter.toPayload(value)), { batch, warmup: 20 }), 0.5);
    const encode = quantile(timePerCall(() => codec.encryptOne(clear), { batch, warmup: 20 }), 0.5);
    const decode = quantile(timePerCall(() => codec.decryptOne(sealed), { batch, warmup: 20 }), 0.5);
    perOp.set(bytes, { encode, decode });
    const mbPerSecond = (ms: number) => +(bytes / 1e6 / (ms / 1000)).toPrecision(3);
    rows.push([`${bytes / 1024} KiB`, mbPerSecond(baseline), mbPerSecond(encode), mbPerSecond(decode), +(encode * 1000).toPrecision(3), +(decode * 1000).toPrecision(3), +(((encode + decode) / baseline) * 100).toPrecision(3)]);
  }
  const small = perOp.get(1_024)!;
  const large = perOp.get(16_384)!;
  const perRequest = (op: { encode: number; decode: number }) => (PAYLOADS_PER_ROUTED_REQUEST * (op.encode + op.decode) * 1000).toPrecision(3);
  return {
    title: 'Payload codec, AES-256-GCM (median of 9 samples; MB/s of payload data; baseline = payload conversion with no codec)',
    columns: ['payload', 'no codec MB/s', 'encode MB/s', 'decode MB/s', 'encode µs', 'decode µs', 'codec cost % of baseline'],
    rows,
    notes: [
      `added latency per routed request ≈ ${perRequest(small)} µs with 1 KiB payloads, ${perRequest(large)} µs with 16 KiB payloads (${PAYLOADS_PER_ROUTED_REQUEST} payloads, each encoded once and decoded once)`,
      'encode includes serialising the payload proto before encryption; compare the per-request figure with the end-to-end bench of the same run',
    ],
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) printBenchTable(await runCodecBench());
