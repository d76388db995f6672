/**
 * Policy records: the content of each policy version kept once, in Temporal itself, as the input of
 * one long-lived workflow per content hash (`switchyard-policy-<sha256>`). Every worker, client, the
 * audit and the codec server already reach that server, so they all share the store; an open
 * workflow is never deleted by retention, so every run that refers to a record can read it back.
 * No worker polls the records' queue: the record is its first history event, nothing runs.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { WorkflowService } from '@temporalio/client';
import type { Payload, PayloadCodec } from '@temporalio/common';
import proto from '@temporalio/proto';
import { POLICY_SNAPSHOT_PREFIX } from './policy-snapshot.js';

const { WorkflowIdConflictPolicy } = proto.temporal.api.enums.v1;

/** The workflow type of a policy record (never registered in any worker: nothing runs). */
export const POLICY_RECORD_WORKFLOW_TYPE = 'switchyardPolicyRecord';
/** The task queue a record is started on; no worker polls it. */
export const POLICY_RECORD_TASK_QUEUE = 'switchyard-policy-records';

/** The workflow id of the record of a policy content. */
export function policyRecordId(sha256: string): string {
  return `switchyard-policy-${sha256}`;
}

/** What a history holds instead of the policy: which version, and the hash that proves its content. */
export interface PolicyReference {
  sha256: string;
  policyVersion: string;
}

/** Where the records live: a connection's WorkflowService (client or worker connection) and a namespace. */
export interface PolicyRecordsTarget {
  workflowService: WorkflowService;
  namespace: string;
}

/** Why a policy record could not be used. */
export type PolicyRecordProblem = 'missing' | 'tampered' | 'unreadable' | 'unavailable';

/**
 * Thrown when a run's policy cannot be resolved: no record for the hash (deleted), a record whose
 * content does not hash to its id (tampered), one the keys cannot decrypt, or a server error.
 * Only the last is worth retrying; a workflow task that hits the others fails loudly until fixed.
 */
export class PolicyRecordError extends Error {
  readonly type = 'PolicyRecordError';
  readonly retryable: boolean;

  constructor(
    readonly problem: PolicyRecordProblem,
    readonly sha256: string,
    detail: string,
    options?: { cause?: unknown },
  ) {
    super(`policy record ${policyRecordId(sha256)} ${detail}`, options);
    this.retryable = problem === 'unavailable';
  }
}

/** SHA-256 of a payload's data, hex: the content's identity. */
export function sha256Hex(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

const decoder = new TextDecoder();
const GRPC_NOT_FOUND = 5;

/**
 * Reads and writes policy records through Temporal. The record's payload goes through `codecs`
 * (encryption), never through the claim check itself. Verified contents are cached per process:
 * one fetch per policy version per process, none on the worker that wrote it.
 */
export class PolicyRecordStore {
  private readonly contents = new Map<string, Promise<Payload>>();
  private readonly references = new Map<string, Promise<PolicyReference>>();

  constructor(
    private readonly target: PolicyRecordsTarget,
    private readonly codecs: readonly PayloadCodec[],
  ) {}

  /** Store a policy snapshot payload once per content hash; returns the reference for history. */
  put(payload: Payload): Promise<PolicyReference> {
    const data = payload.data ?? new Uint8Array();
    const sha256 = sha256Hex(data);
    let reference = this.references.get(sha256);
    if (!reference) {
      reference = this.write(sha256, payload);
      this.references.set(sha256, reference);
      // A failed write is not remembered: the next run tries again.
      reference.catch(() => this.references.delete(sha256));
    }
    return reference;
  }

  /** The verified snapshot payload a reference stands for (fetched once per process). */
  get(reference: PolicyReference): Promise<Payload> {
    let content = this.contents.get(reference.sha256);
    if (!content) {
      content = this.fetch(reference.sha256);
      this.contents.set(reference.sha256, content);
      content.catch(() => this.contents.delete(reference.sha256));
    }
    return content;
  }

  private async write(sha256: string, payload: Payload): Promise<PolicyReference> {
    const policyVersion = versionOf(sha256, payload);
    const clear: Payload = { metadata: payload.metadata ?? {}, data: payload.data ?? new Uint8Array() };
    let started: boolean;
    try {
      const response = await this.target.workflowService.startWorkflowExecution({
        namespace: this.target.namespace,
        workflowId: policyRecordId(sha256),
        workflowType: { name: POLICY_RECORD_WORKFLOW_TYPE },
        taskQueue: { name: POLICY_RECORD_TASK_QUEUE },
        input: { payloads: await encodeWith(this.codecs, [clear]) },
        identity: 'switchyard-policy-records',
        requestId: randomUUID(),
        // Every worker may race to write the same version: the first one's record is the record.
        workflowIdConflictPolicy: WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING,
      });
      started = response.started === true;
    } catch (error) {
      throw new PolicyRecordError('unavailable', sha256, `could not be written: ${(error as Error).message}`, { cause: error });
    }
    if (started) {
      this.contents.set(sha256, Promise.resolve(clear));
    } else {
      // An existing record is checked once before any history refers to it.
      await this.get({ sha256, policyVersion });
    }
    return { sha256, policyVersion };
  }

  private async fetch(sha256: string): Promise<Payload> {
    let stored: proto.temporal.api.common.v1.IPayload | undefined;
    try {
      const response = await this.target.workflowService.getWorkflowExecutionHistory({ namespace: this.target.namespace, execution: { workflowId: policyRecordId(sha256) }, maximumPageSize: 1 });
      stored = response.history?.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0] ?? undefined;
    } catch (error) {
      if ((error as { code?: unknown }).code === GRPC_NOT_FOUND) throw new PolicyRecordError('missing', sha256, 'does not exist (deleted, or written to another namespace or server)', { cause: error });
      throw new PolicyRecordError('unavailable', sha256, `could not be read: ${(error as Error).message}`, { cause: error });
    }
    if (!stored) throw new PolicyRecordError('missing', sha256, 'has no policy payload in its first event');
    let payload: Payload;
    try {
      [payload] = (await decodeWith(this.codecs, [{ metadata: stored.metadata ?? {}, data: stored.data ?? new Uint8Array() }])) as [Payload];
    } catch (error) {
      throw new PolicyRecordError('unreadable', sha256, `cannot be decrypted with the configured keys: ${(error as Error).message}`, { cause: error });
    }
    const actual = sha256Hex(payload.data ?? new Uint8Array());
    if (actual !== sha256) throw new PolicyRecordError('tampered', sha256, `holds content with sha256 ${actual}, not the ${sha256} its runs refer to`);
    versionOf(sha256, payload);
    return { metadata: payload.metadata ?? {}, data: payload.data ?? new Uint8Array() };
  }
}

/** The version inside a snapshot payload; anything that is not a snapshot is refused. */
function versionOf(sha256: string, payload: Payload): string {
  const text = decoder.decode(payload.data ?? new Uint8Array());
  const parsed = text.startsWith(POLICY_SNAPSHOT_PREFIX) ? (JSON.parse(text) as { version?: unknown; policy?: unknown }) : undefined;
  if (typeof parsed?.version !== 'string' || typeof parsed.policy !== 'object' || parsed.policy === null) {
    throw new PolicyRecordError('tampered', sha256, 'does not hold a policy snapshot');
  }
  return parsed.version;
}

/** Encode through codecs in order (as the SDK does). */
export async function encodeWith(codecs: readonly PayloadCodec[], payloads: Payload[]): Promise<Payload[]> {
  for (const codec of codecs) payloads = await codec.encode(payloads);
  return payloads;
}

/** Decode through codecs in reverse order (as the SDK does). */
export async function decodeWith(codecs: readonly PayloadCodec[], payloads: Payload[]): Promise<Payload[]> {
  for (const codec of [...codecs].reverse()) payloads = await codec.decode(payloads);
  return payloads;
}
