/**
 * The audit: list the runs of a range (plus an optional visibility query), read and decode each
 * history, re-classify every byte that went to a cloud queue, check reviewer decisions against the
 * policy, and replay every history against the current workflow bundle.
 */
import type { Client, WorkflowExecutionInfo } from '@temporalio/client';
import type { DataConverter, PayloadCodec } from '@temporalio/common';
import type proto from '@temporalio/proto';
import { Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type { Classifier } from '../classification/classifier.js';
import { higherClass, verdictOf } from '../routing/data-classes.js';
import type { Policy } from '../routing/policy-schema.js';
import { withPolicyRecords } from '../temporal/data-converter.js';
import { listingClient } from '../temporal/listing-client.js';
import type { PolicyClaimCodec } from '../temporal/policy-claim-codec.js';
import { decodeWith, encodeWith, POLICY_RECORD_WORKFLOW_TYPE, type PolicyRecordStore, type PolicyReference } from '../temporal/policy-records.js';
import { searchAttributes } from '../temporal/search-attributes.js';
import { readHistory, type ReadDispatch } from './read-history.js';
import type { AuditReport, PolicyUse, RunAudit, Violation } from './run-audit-types.js';

/** What the audit needs. */
export interface AuditDependencies {
  client: Client;
  dataConverter: DataConverter;
  classifier: Classifier;
  policy: Policy;
  /** The workflow bundle to replay against; undefined skips replay. */
  workflowBundle?: WorkflowBundleWithSourceMap;
  now?: () => number;
}

/** The range and filter. */
export interface AuditRange {
  since: Date;
  until: Date;
  /** Extra visibility query, ANDed with the time range. */
  query?: string;
}

/** The visibility query of a range. */
export function rangeQuery(range: AuditRange): string {
  const time = `StartTime >= "${range.since.toISOString()}" AND StartTime <= "${range.until.toISOString()}"`;
  return range.query?.trim() ? `${time} AND (${range.query})` : time;
}

/** Re-classify what a cloud dispatch carried; a sensitive verdict is a violation. */
async function checkCloudDispatch(dispatch: ReadDispatch, classifier: Classifier, policy: Policy): Promise<Violation | undefined> {
  let dataClass = policy.defaultClass;
  const reasons: string[] = [];
  for (const text of dispatch.texts) {
    const verdict = verdictOf(policy, await classifier.classify(text));
    dataClass = higherClass(policy, dataClass, verdict.dataClass);
    if (verdict.sensitive) reasons.push(...verdict.reasons);
  }
  dispatch.inputClass = dataClass;
  if (reasons.length === 0) return undefined;
  return {
    kind: 'sensitive-to-cloud',
    message: `${dispatch.activityType} on ${dispatch.taskQueue} (${dispatch.backend ?? '?'} / ${dispatch.model ?? '?'}, ${dispatch.outcome}) carried ${dataClass} data${dispatch.redacted ? ' despite redaction' : ''}: ${[...new Set(reasons)].join('; ')}`,
  };
}

/** Check each policy a run refers to against its record: it exists and its content has that hash. */
async function checkPolicies(references: PolicyReference[], records: PolicyRecordStore, violations: Violation[]): Promise<PolicyUse[]> {
  return Promise.all(
    references.map(async ({ policyVersion, sha256 }) => {
      try {
        await records.get({ policyVersion, sha256 });
        return { policyVersion, sha256, verified: true };
      } catch (error) {
        violations.push({ kind: 'policy-record', message: `policy ${policyVersion} (sha256 ${sha256}): ${(error as Error).message}` });
        return { policyVersion, sha256, verified: false };
      }
    }),
  );
}

/** Audit one listed run from its history. */
async function auditRun(info: WorkflowExecutionInfo, history: proto.temporal.api.history.v1.IHistory, codec: PayloadCodec, records: PolicyRecordStore, deps: AuditDependencies): Promise<RunAudit> {
  const attributes = info.typedSearchAttributes;
  const violations: Violation[] = [];
  let read: Awaited<ReturnType<typeof readHistory>> = { dispatches: [], decisions: [], policies: [] };
  try {
    read = await readHistory(history, codec);
  } catch (error) {
    violations.push({ kind: 'undecodable', message: `history could not be decoded with the configured keys: ${(error as Error).message}` });
  }
  for (const dispatch of read.dispatches.filter((candidate) => candidate.kind === 'cloud')) {
    const violation = await checkCloudDispatch(dispatch, deps.classifier, deps.policy);
    if (violation) violations.push(violation);
  }
  const policies = await checkPolicies(read.policies, records, violations);
  const allowed = new Set(deps.policy.review.reviewers);
  for (const decision of read.decisions) {
    if (!allowed.has(decision.reviewer)) violations.push({ kind: 'unlisted-reviewer', message: `${decision.action} by "${decision.reviewer}", who is not a reviewer in policy ${deps.policy.version}` });
  }
  return {
    workflowId: info.workflowId,
    runId: info.runId,
    workflowType: info.type,
    startTime: info.startTime?.toISOString() ?? null,
    status: info.status.name,
    dataClass: attributes.get(searchAttributes.dataClass) ?? null,
    sensitive: attributes.get(searchAttributes.sensitive) ?? null,
    policyVersion: attributes.get(searchAttributes.policyVersion) ?? null,
    policies,
    rules: attributes.get(searchAttributes.rules) ?? [],
    cloudRecorded: attributes.get(searchAttributes.cloud) ?? null,
    dispatches: read.dispatches.map(({ texts: _texts, ...dispatch }) => dispatch),
    decisions: read.decisions,
    replay: 'skipped',
    violations,
  };
}

/** Run the audit over a range. */
export async function auditRange(range: AuditRange, deps: AuditDependencies): Promise<AuditReport> {
  const now = deps.now ?? Date.now;
  const started = now();
  if (!deps.dataConverter.payloadCodecs?.length) throw new Error('the audit needs the payload codec (no keys configured?)');
  // Reading a history only decrypts, so the policy reference (version and hash) is what the report
  // shows, checked against its record; the replay resolves it through the same records (one fetch).
  const dataConverter = withPolicyRecords(deps.dataConverter, { workflowService: deps.client.workflowService, namespace: deps.client.options.namespace });
  // withPolicyRecords puts the claim check first, in front of the decrypting codecs.
  const [claimCheck, ...decrypting] = dataConverter.payloadCodecs as [PolicyClaimCodec, ...PayloadCodec[]];
  const records = claimCheck.store;
  const codec: PayloadCodec = { encode: (payloads) => encodeWith(decrypting, payloads), decode: (payloads) => decodeWith(decrypting, payloads) };
  const query = rangeQuery(range);
  const listed: WorkflowExecutionInfo[] = [];
  // Policy records are not runs: they hold a policy's content, nothing ran.
  // The audit reads histories itself; the listing must not stop at a run whose memo it cannot decrypt.
  for await (const info of listingClient(deps.client).workflow.list({ query })) if (info.type !== POLICY_RECORD_WORKFLOW_TYPE) listed.push(info);

  // Each history is fetched once and kept beside its audit for the replay below.
  const audited: Array<{ run: RunAudit; history: proto.temporal.api.history.v1.IHistory }> = [];
  // A few histories in flight at once: enough to hide round trips, few enough for a small server.
  for (let index = 0; index < listed.length; index += 8) {
    const batch = listed.slice(index, index + 8);
    audited.push(
      ...(await Promise.all(
        batch.map(async (info) => {
          const history = await deps.client.workflow.getHandle(info.workflowId, info.runId).fetchHistory();
          return { run: await auditRun(info, history, codec, records, deps), history };
        }),
      )),
    );
  }
  const runs = audited.map(({ run }) => run);

  if (deps.workflowBundle && runs.length > 0) {
    const byKey = new Map(runs.map((run) => [`${run.workflowId}/${run.runId}`, run]));
    const replays = Worker.runReplayHistories(
      { workflowBundle: deps.workflowBundle, dataConverter, replayName: 'switchyard-audit' },
      audited.map(({ run, history }) => ({ workflowId: run.workflowId, history })),
    );
    for await (const result of replays) {
      const run = byKey.get(`${result.workflowId}/${result.runId}`) ?? runs.find((candidate) => candidate.workflowId === result.workflowId);
      if (!run) continue;
      run.replay = result.error ? 'failed' : 'ok';
      if (result.error) run.violations.push({ kind: 'replay-failed', message: `history does not replay against the current workflow code: ${(result.error as Error).message}` });
    }
  }

  const dispatches = runs.flatMap((run) => run.dispatches);
  const cloud = dispatches.filter((dispatch) => dispatch.kind === 'cloud');
  const seconds = Math.max((now() - started) / 1000, 1e-3);
  return {
    range: { since: range.since.toISOString(), until: range.until.toISOString(), query },
    runs,
    totals: {
      runs: runs.length,
      dispatches: dispatches.length,
      cloudDispatches: cloud.length,
      redactedCloudDispatches: cloud.filter((dispatch) => dispatch.redacted).length,
      failedDispatches: dispatches.filter((dispatch) => dispatch.outcome !== 'completed').length,
      decisions: runs.reduce((sum, run) => sum + run.decisions.length, 0),
      replayed: runs.filter((run) => run.replay === 'ok').length,
      violations: runs.reduce((sum, run) => sum + run.violations.length, 0),
    },
    runsPerSecond: runs.length / seconds,
  };
}
