/** The audit report as an operator reads it: one row per run, violations spelled out, totals. */
import Table from 'cli-table3';
import type { AuditReport, DispatchRecord, RunAudit } from './run-audit-types.js';

function describeDispatch(dispatch: DispatchRecord): string {
  return `${dispatch.kind} ${dispatch.backend ?? '?'}/${dispatch.model ?? '?'}${dispatch.redacted ? ' (redacted)' : ''} ${dispatch.outcome}`;
}

/** The policy versions a run loaded with the start of their content hash (✓ when the record checked out). */
function describePolicies(run: RunAudit): string {
  if (run.policies.length === 0) return run.policyVersion ?? '?';
  return run.policies.map((policy) => `${policy.policyVersion}\nsha256:${policy.sha256.slice(0, 12)}${policy.verified ? ' ✓' : ' ✗ (record does not match)'}`).join('\n');
}

/** Render the report as text. */
export function auditTable(report: AuditReport): string {
  const table = new Table({ head: ['run', 'class', 'policy / rule', 'dispatches', 'decisions', 'replay', 'violations'], wordWrap: true, colWidths: [26, 12, 30, 40, 18, 8, 40] });
  for (const run of report.runs) {
    table.push([
      run.workflowId,
      run.dataClass ?? '?',
      `${describePolicies(run)}\n${run.rules.join(', ')}`,
      run.dispatches.map(describeDispatch).join('\n') || '(none)',
      run.decisions.map((decision) => `${decision.action} by ${decision.reviewer}`).join('\n') || '—',
      run.replay,
      run.violations.map((violation) => `${violation.kind}: ${violation.message}`).join('\n') || '—',
    ]);
  }
  const totals = report.totals;
  return [
    `audit ${report.range.since} … ${report.range.until}  (${report.range.query})`,
    table.toString(),
    `runs ${totals.runs}, dispatches ${totals.dispatches} (cloud ${totals.cloudDispatches}, of which redacted ${totals.redactedCloudDispatches}; not completed ${totals.failedDispatches}), reviewer decisions ${totals.decisions}, replayed ${totals.replayed}/${totals.runs}, violations ${totals.violations} — ${report.runsPerSecond.toFixed(1)} runs/s`,
  ].join('\n');
}
