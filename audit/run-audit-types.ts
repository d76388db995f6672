/** What the audit reports per run and in total. Pure types. */

/** One activity dispatched to an inference queue, as history recorded it. */
export interface DispatchRecord {
  activityType: string;
  taskQueue: string;
  kind: 'local' | 'cloud';
  backend: string | null;
  model: string | null;
  /** The input holds redaction placeholders (a redacted prompt). */
  redacted: boolean;
  /** completed | failed | timed-out | canceled | pending */
  outcome: string;
  /** The failure message (decoded) when it failed. */
  error?: string;
  scheduledAt: string | null;
  /** Data class of the decoded input, re-classified by the audit (cloud dispatches only). */
  inputClass?: string;
}

/** A reviewer decision the workflow accepted (validator passed). */
export interface ReviewerDecisionRecord {
  reviewer: string;
  action: string;
  acceptedAt: string | null;
}

/** A policy a run loaded, as its history names it: the version and the content hash of its policy record. */
export interface PolicyUse {
  policyVersion: string;
  sha256: string;
  /** The record exists and its content hashes to sha256 (checked by the audit). */
  verified: boolean;
}

/** Why a run breaks the rule. */
export interface Violation {
  kind: 'sensitive-to-cloud' | 'unlisted-reviewer' | 'replay-failed' | 'undecodable' | 'policy-record';
  message: string;
}

/** The audit of one run. */
export interface RunAudit {
  workflowId: string;
  runId: string;
  workflowType: string;
  startTime: string | null;
  status: string;
  dataClass: string | null;
  sensitive: boolean | null;
  policyVersion: string | null;
  /** The policies the run loaded, from its history (runs from before policy records: none). */
  policies: PolicyUse[];
  rules: string[];
  /** What the run's search attribute says (did any byte go to cloud). */
  cloudRecorded: boolean | null;
  dispatches: DispatchRecord[];
  decisions: ReviewerDecisionRecord[];
  replay: 'ok' | 'failed' | 'skipped';
  violations: Violation[];
}

/** The whole report. */
export interface AuditReport {
  range: { since: string; until: string; query: string };
  runs: RunAudit[];
  totals: { runs: number; dispatches: number; cloudDispatches: number; redactedCloudDispatches: number; failedDispatches: number; decisions: number; replayed: number; violations: number };
  /** Runs read, decoded, checked and replayed per second. */
  runsPerSecond: number;
}
