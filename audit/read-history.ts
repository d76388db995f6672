/**
 * Reads one encrypted history generically: every activity scheduled on an inference queue (its
 * decoded input, outcome and failure) and every accepted reviewer decision. Knows Switchyard's queue
 * naming and the `submitReview` update, not the shape of any workflow.
 */
import { defaultPayloadConverter, type Payload, type PayloadCodec } from '@temporalio/common';
import type proto from '@temporalio/proto';
import { findPlaceholders } from '../classification/redaction/placeholder-grammar.js';
import { policyReferenceOf } from '../temporal/policy-claim-codec.js';
import type { PolicyReference } from '../temporal/policy-records.js';
import type { DispatchRecord, ReviewerDecisionRecord } from './run-audit-types.js';

type History = proto.temporal.api.history.v1.IHistory;
type ProtoPayload = proto.temporal.api.common.v1.IPayload;
type ProtoFailure = proto.temporal.api.failure.v1.IFailure;

/** Inference queues are named `switchyard-local-<pool>` and `switchyard-cloud-<provider>`. */
export function queueKind(taskQueue: string): 'local' | 'cloud' | null {
  if (taskQueue.startsWith('switchyard-cloud-')) return 'cloud';
  if (taskQueue.startsWith('switchyard-local-')) return 'local';
  return null;
}

/** A dispatch with the text it carried, for re-classification. */
export interface ReadDispatch extends DispatchRecord {
  /** Every string in the decoded input: the bytes that left for the queue. */
  texts: string[];
}

/** What a history says about dispatches and decisions. */
export interface ReadHistory {
  dispatches: ReadDispatch[];
  decisions: ReviewerDecisionRecord[];
  /** References to policy records in local-activity markers (the policy a run loaded). */
  policies: PolicyReference[];
}

const timeOf = (time: { seconds?: unknown; nanos?: number | null } | null | undefined) =>
  time?.seconds !== undefined && time?.seconds !== null ? new Date(Number(time.seconds) * 1000 + Math.floor((time.nanos ?? 0) / 1e6)).toISOString() : null;

/** Decode payloads with the codec, then the default converter. */
async function decodeValues(codec: PayloadCodec, payloads: ProtoPayload[] | null | undefined): Promise<unknown[]> {
  if (!payloads?.length) return [];
  const decoded = await codec.decode(payloads.map((payload) => ({ metadata: payload.metadata ?? {}, data: payload.data ?? new Uint8Array() }) as Payload));
  return decoded.map((payload) => defaultPayloadConverter.fromPayload(payload));
}

/** Every string leaf of a value (message contents, system prompts, question/answer pairs). */
export function stringsIn(value: unknown, into: string[] = []): string[] {
  if (typeof value === 'string') into.push(value);
  else if (Array.isArray(value)) for (const item of value) stringsIn(item, into);
  else if (value && typeof value === 'object') for (const item of Object.values(value)) stringsIn(item, into);
  return into;
}

/** The failure's message, decoding encoded attributes (the failure converter encrypts messages). */
async function failureMessage(codec: PayloadCodec, failure: ProtoFailure | null | undefined): Promise<string> {
  if (!failure) return 'failed';
  let message = failure.message ?? '';
  if (failure.encodedAttributes) {
    const [attributes] = await decodeValues(codec, [failure.encodedAttributes]);
    message = (attributes as { message?: string } | undefined)?.message ?? message;
  }
  const cause = failure.cause ? await failureMessage(codec, failure.cause) : '';
  return cause && cause !== message ? `${message}: ${cause}` : message;
}

/**
 * Read a history. `codec` decrypts but does not resolve policy references (no claim check): the
 * reference itself is what the audit reports and verifies.
 */
export async function readHistory(history: History, codec: PayloadCodec): Promise<ReadHistory> {
  const dispatches = new Map<string, ReadDispatch>();
  const decisions: ReviewerDecisionRecord[] = [];
  const policies: PolicyReference[] = [];
  for (const event of history.events ?? []) {
    const id = String(event.eventId);
    const markerResult = event.markerRecordedEventAttributes?.details?.['result']?.payloads;
    if (markerResult?.length) {
      const decoded = await codec.decode(markerResult.map((payload) => ({ metadata: payload.metadata ?? {}, data: payload.data ?? new Uint8Array() }) as Payload));
      for (const payload of decoded) {
        const reference = policyReferenceOf(payload);
        if (reference && !policies.some((known) => known.sha256 === reference.sha256)) policies.push(reference);
      }
      continue;
    }
    const scheduled = event.activityTaskScheduledEventAttributes;
    if (scheduled) {
      const taskQueue = scheduled.taskQueue?.name ?? '';
      const kind = queueKind(taskQueue);
      if (!kind) continue;
      const [input] = await decodeValues(codec, scheduled.input?.payloads);
      const texts = stringsIn(input);
      const request = (input ?? {}) as { backend?: unknown; model?: unknown };
      dispatches.set(id, {
        activityType: scheduled.activityType?.name ?? '?',
        taskQueue,
        kind,
        backend: typeof request.backend === 'string' ? request.backend : null,
        model: typeof request.model === 'string' ? request.model : null,
        redacted: texts.some((text) => findPlaceholders(text).length > 0),
        outcome: 'pending',
        scheduledAt: timeOf(event.eventTime),
        texts,
      });
      continue;
    }
    const completed = event.activityTaskCompletedEventAttributes;
    const failed = event.activityTaskFailedEventAttributes;
    const timedOut = event.activityTaskTimedOutEventAttributes;
    const canceled = event.activityTaskCanceledEventAttributes;
    const ended = completed ?? failed ?? timedOut ?? canceled;
    if (ended) {
      const dispatch = dispatches.get(String(ended.scheduledEventId));
      if (!dispatch) continue;
      dispatch.outcome = completed ? 'completed' : failed ? 'failed' : timedOut ? 'timed-out' : 'canceled';
      if (failed) dispatch.error = await failureMessage(codec, failed.failure);
      if (timedOut) dispatch.error = await failureMessage(codec, timedOut.failure);
      continue;
    }
    const accepted = event.workflowExecutionUpdateAcceptedEventAttributes;
    if (accepted?.acceptedRequest?.input?.name === 'submitReview') {
      const [decision] = await decodeValues(codec, accepted.acceptedRequest.input.args?.payloads);
      const { reviewer, action } = (decision ?? {}) as { reviewer?: unknown; action?: unknown };
      decisions.push({ reviewer: String(reviewer), action: String(action), acceptedAt: timeOf(event.eventTime) });
    }
  }
  return { dispatches: [...dispatches.values()], decisions, policies };
}
