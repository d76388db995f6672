/** `switchyard audit`: read, decode, check and replay the histories of a time range; exit 1 on any violation. */
import { createDefaultClassifier } from '../classification/default-classifier.js';
import { auditRange, type AuditRange } from '../audit/audit-runs.js';
import { auditTable } from '../audit/audit-table.js';
import { loadPolicyFile } from '../routing/policy-loader.js';
import { loadDataConverter } from '../temporal/data-converter.js';
import { readEnvironment } from '../workers/worker-environment.js';
import { workflowBundle } from '../workers/worker-runtime.js';
import { connectClient } from './temporal-client.js';

/** Options of `audit`. */
export interface AuditOptions {
  since: string;
  until?: string;
  query?: string;
  policy?: string;
  replay: boolean;
  json?: boolean;
}

/** `24h`, `90m`, `7d` back from now, or an ISO time. */
export function parseTime(value: string, now: number = Date.now()): Date {
  const relative = /^(\d+(?:\.\d+)?)([mhd])$/.exec(value.trim());
  if (relative) return new Date(now - Number(relative[1]) * { m: 60_000, h: 3_600_000, d: 86_400_000 }[relative[2] as 'm' | 'h' | 'd']);
  const time = new Date(value);
  if (Number.isNaN(time.getTime())) throw new Error(`"${value}" is not a time: use an ISO time (2026-11-01T00:00:00Z) or 24h / 90m / 7d`);
  return time;
}

/** Run the command; returns the exit code (1 when a violation was found). */
export async function auditCommand(options: AuditOptions): Promise<number> {
  const settings = readEnvironment();
  const policy = await loadPolicyFile(options.policy ?? settings.policyFile);
  const range: AuditRange = { since: parseTime(options.since), until: options.until ? parseTime(options.until) : new Date(), query: options.query };
  // One DataConverter (one read of the key file) for the client, the history decoding and the replay.
  const dataConverter = loadDataConverter();
  const { client, close } = await connectClient(settings, dataConverter);
  try {
    const report = await auditRange(range, {
      client,
      dataConverter,
      classifier: createDefaultClassifier(),
      policy,
      workflowBundle: options.replay ? await workflowBundle() : undefined,
    });
    console.log(options.json ? JSON.stringify(report, null, 2) : auditTable(report));
    return report.totals.violations > 0 ? 1 : 0;
  } finally {
    await close();
  }
}
