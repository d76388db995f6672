/**
 * AES-256-GCM payload codec: every payload leaves the process encrypted with a random 96-bit nonce
 * and the current key, its key id in the metadata, so rotated-out keys still decrypt old history.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { METADATA_ENCODING_KEY, type Payload, type PayloadCodec } from '@temporalio/common';
import proto from '@temporalio/proto';
import { PayloadKeyError, type Keyring } from './key-store.js';

const ProtoPayload = proto.temporal.api.common.v1.Payload;

/** The metadata encoding of an encrypted payload. */
export const ENCRYPTED_ENCODING = 'binary/encrypted';
/** The metadata field that names the key. */
export const KEY_ID_METADATA = 'encryption-key-id';

const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const encoder = new TextEncoder();
const decoder = new TextDecoder();
const ENCRYPTED_ENCODING_BYTES = encoder.encode(ENCRYPTED_ENCODING);

/** Thrown when a payload cannot be decrypted (unknown key id, tampering, wrong key). */
export class PayloadDecryptionError extends Error {
  readonly type = 'PayloadDecryptionError';
  readonly retryable = false;
}

/** Whether a payload is one this codec encrypted. */
export function isEncryptedPayload(payload: Payload): boolean {
  const encoding = payload.metadata?.[METADATA_ENCODING_KEY];
  return encoding !== undefined && decoder.decode(encoding) === ENCRYPTED_ENCODING;
}

/** The Temporal PayloadCodec over a keyring. */
export class AesGcmPayloadCodec implements PayloadCodec {
  /** The current key and the metadata of every payload it seals: fixed per codec, so made once, not per payload. */
  private readonly currentKey: Buffer;
  private readonly currentKeyIdBytes: Uint8Array;

  constructor(private readonly keyring: Keyring) {
    const key = keyring.keys.get(keyring.currentKeyId);
    if (!key) throw new PayloadKeyError(`current key "${keyring.currentKeyId}" is not in the keyring`);
    this.currentKey = key;
    this.currentKeyIdBytes = encoder.encode(keyring.currentKeyId);
  }

  /** Encrypt each payload (its whole proto: metadata and data) with the current key. */
  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => this.encryptOne(payload));
  }

  /** Decrypt payloads this codec wrote; pass anything else through unchanged. */
  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => (isEncryptedPayload(payload) ? this.decryptOne(payload) : payload));
  }

  /** Synchronous encryption of one payload (also used by the codec server and the bench). */
  encryptOne(payload: Payload): Payload {
    const nonce = randomBytes(NONCE_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.currentKey, nonce);
    // The key id is authenticated too: swapping it in the metadata breaks decryption.
    cipher.setAAD(this.currentKeyIdBytes);
    const clear = ProtoPayload.encode(payload).finish();
    const sealed = Buffer.concat([nonce, cipher.update(clear), cipher.final(), cipher.getAuthTag()]);
    return {
      metadata: { [METADATA_ENCODING_KEY]: ENCRYPTED_ENCODING_BYTES, [KEY_ID_METADATA]: this.currentKeyIdBytes },
      data: sealed,
    };
  }

  /** Synchronous decryption of one encrypted payload. */
  decryptOne(payload: Payload): Payload {
    const keyIdBytes = payload.metadata?.[KEY_ID_METADATA];
    if (!keyIdBytes) throw new PayloadDecryptionError('encrypted payload without an encryption-key-id');
    const keyId = decoder.decode(keyIdBytes);
    const key = this.keyring.keys.get(keyId);
    if (!key) throw new PayloadDecryptionError(`payload encrypted with key "${keyId}", which is not in the keyring (known: ${[...this.keyring.keys.keys()].join(', ')})`);
    const data = Buffer.from(payload.data ?? new Uint8Array());
    if (data.length < NONCE_BYTES + TAG_BYTES) throw new PayloadDecryptionError('encrypted payload too short');
    const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, NONCE_BYTES));
    decipher.setAAD(keyIdBytes);
    decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
    let clear: Buffer;
    try {
      clear = Buffer.concat([decipher.update(data.subarray(NONCE_BYTES, data.length - TAG_BYTES)), decipher.final()]);
    } catch {
      throw new PayloadDecryptionError(`payload failed authentication under key "${keyId}" (tampered or a different key with the same id)`);
    }
    const decoded = ProtoPayload.decode(clear);
    return { metadata: decoded.metadata ?? {}, data: decoded.data ?? new Uint8Array() };
  }
}
