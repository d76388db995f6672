/**
 * The policy claim check: first in the codec chain (before encryption), it replaces a policy
 * snapshot payload by a small reference `{sha256, policyVersion}` and keeps the content once per
 * version in a policy record; decoding puts the verified content back. Every other payload passes
 * through untouched, so the cost elsewhere is a comparison of a payload's first bytes.
 */
import { METADATA_ENCODING_KEY, type Payload, type PayloadCodec } from '@temporalio/common';
import { POLICY_SNAPSHOT_PREFIX } from './policy-snapshot.js';
import { PolicyRecordError, type PolicyRecordStore, type PolicyReference } from './policy-records.js';

/** The encoding of a reference payload. No payload converter knows it: a process without the store fails loudly. */
export const POLICY_REFERENCE_ENCODING = 'json/switchyard-policy-reference';

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const JSON_PLAIN = encoder.encode('json/plain');
const PREFIX = encoder.encode(POLICY_SNAPSHOT_PREFIX);
const REFERENCE_ENCODING = encoder.encode(POLICY_REFERENCE_ENCODING);

function bytesEqual(a: Uint8Array | null | undefined, b: Uint8Array, length = b.length): boolean {
  if (!a || a.length < length) return false;
  for (let index = 0; index < length; index++) if (a[index] !== b[index]) return false;
  return true;
}

/** Whether a clear payload is a policy snapshot (`getPolicy`'s result). */
export function isPolicySnapshotPayload(payload: Payload): boolean {
  const encoding = payload.metadata?.[METADATA_ENCODING_KEY];
  return encoding?.length === JSON_PLAIN.length && bytesEqual(encoding, JSON_PLAIN) && bytesEqual(payload.data, PREFIX);
}

/** The reference a clear payload holds, or undefined when it is not one (the audit reads it without the store). */
export function policyReferenceOf(payload: Payload): PolicyReference | undefined {
  const encoding = payload.metadata?.[METADATA_ENCODING_KEY];
  if (encoding?.length !== REFERENCE_ENCODING.length || !bytesEqual(encoding, REFERENCE_ENCODING)) return undefined;
  let parsed: Partial<PolicyReference>;
  try {
    parsed = JSON.parse(decoder.decode(payload.data ?? new Uint8Array())) as Partial<PolicyReference>;
  } catch {
    parsed = {};
  }
  if (typeof parsed.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(parsed.sha256) || typeof parsed.policyVersion !== 'string') {
    throw new PolicyRecordError('tampered', String(parsed.sha256), 'is referred to by a malformed reference');
  }
  return { sha256: parsed.sha256, policyVersion: parsed.policyVersion };
}

/** The payload written into history instead of the policy. */
export function referencePayload(reference: PolicyReference): Payload {
  return {
    metadata: { [METADATA_ENCODING_KEY]: REFERENCE_ENCODING },
    data: encoder.encode(JSON.stringify({ sha256: reference.sha256, policyVersion: reference.policyVersion })),
  };
}

/** The claim-check PayloadCodec over a policy record store. */
export class PolicyClaimCodec implements PayloadCodec {
  constructor(readonly store: PolicyRecordStore) {}

  /** Replace policy snapshots by references (storing each content once). */
  async encode(payloads: Payload[]): Promise<Payload[]> {
    if (!payloads.some(isPolicySnapshotPayload)) return payloads;
    return Promise.all(payloads.map(async (payload) => (isPolicySnapshotPayload(payload) ? referencePayload(await this.store.put(payload)) : payload)));
  }

  /** Replace references by the verified policy snapshot they name. */
  async decode(payloads: Payload[]): Promise<Payload[]> {
    if (!payloads.some((payload) => bytesEqual(payload.metadata?.[METADATA_ENCODING_KEY], REFERENCE_ENCODING))) return payloads;
    return Promise.all(
      payloads.map(async (payload) => {
        const reference = policyReferenceOf(payload);
        return reference ? this.store.get(reference) : payload;
      }),
    );
  }
}
