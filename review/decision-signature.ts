/**
 * Proof that a review decision came through the review app: the app signs (reviewer, workflow id,
 * action, comment, edited answer, time) with its Ed25519 key, and the workflow's Update validator
 * checks the signature against the public keys in the policy's `review.decisionKeys`. Pure
 * (@noble/curves, no Node APIs), so workflow code can import it.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import type { ReviewDecision } from '../workflows/review-definitions.js';

/** The signature a decision carries. */
export interface DecisionSignature {
  /** ISO time the app signed the decision. */
  signedAt: string;
  /** Base64 Ed25519 signature over {@link decisionMessage}. */
  value: string;
}

/** A decision with its proof. */
export type SignedReviewDecision = ReviewDecision & { signature?: DecisionSignature };

/** Signs a reviewer's decision for a workflow. */
export type DecisionSigner = (workflowId: string, decision: ReviewDecision) => SignedReviewDecision;

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Base64 of bytes (no Buffer: this runs in the workflow sandbox too). */
export function toBase64(bytes: Uint8Array): string {
  let out = '';
  for (let index = 0; index < bytes.length; index += 3) {
    const [a = 0, b = 0, c = 0] = [bytes[index], bytes[index + 1], bytes[index + 2]];
    const triple = (a << 16) | (b << 8) | c;
    out += ALPHABET[(triple >> 18) & 63]! + ALPHABET[(triple >> 12) & 63]!;
    out += index + 1 < bytes.length ? ALPHABET[(triple >> 6) & 63]! : '=';
    out += index + 2 < bytes.length ? ALPHABET[triple & 63]! : '=';
  }
  return out;
}

/** Bytes of base64, or null when it is not base64. */
export function fromBase64(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) return null;
  const clean = text.replace(/=+$/, '');
  const bytes = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let bits = 0;
  let value = 0;
  let index = 0;
  for (const char of clean) {
    value = (value << 6) | ALPHABET.indexOf(char);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[index++] = (value >> bits) & 255;
    }
  }
  return bytes;
}

/** The exact bytes signed: every field that makes the decision, in a fixed order. */
export function decisionMessage(workflowId: string, decision: ReviewDecision, signedAt: string): Uint8Array {
  return new TextEncoder().encode(
    JSON.stringify(['switchyard-review-decision/1', workflowId, decision.reviewer, decision.action, decision.comment ?? null, decision.editedAnswer ?? null, signedAt]),
  );
}

/** A signer over a base64 32-byte Ed25519 secret key. */
export function createDecisionSigner(secretKeyBase64: string, now: () => number = Date.now): DecisionSigner {
  const secretKey = fromBase64(secretKeyBase64);
  if (!secretKey || secretKey.length !== 32) throw new Error('the review signing key must be a base64 32-byte Ed25519 secret key (switchyard keys review-signing)');
  return (workflowId, decision) => {
    const signedAt = new Date(now()).toISOString();
    return { ...decision, signature: { signedAt, value: toBase64(ed25519.sign(decisionMessage(workflowId, decision, signedAt), secretKey)) } };
  };
}

/** The base64 public key of a base64 secret key. */
export function publicKeyOf(secretKeyBase64: string): string {
  return toBase64(ed25519.getPublicKey(fromBase64(secretKeyBase64)!));
}

/** Why a decision's signature is not acceptable under `publicKeys`, or null when one of them verifies it. */
export function signatureProblem(publicKeys: readonly string[], workflowId: string, decision: SignedReviewDecision): string | null {
  const signature = decision.signature;
  if (!signature || typeof signature.value !== 'string' || typeof signature.signedAt !== 'string') return 'the decision is not signed (decisions come through the review app)';
  const value = fromBase64(signature.value);
  if (!value || value.length !== 64) return 'the decision signature is malformed';
  const message = decisionMessage(workflowId, decision, signature.signedAt);
  for (const key of publicKeys) {
    const publicKey = fromBase64(key);
    if (publicKey?.length === 32 && ed25519.verify(value, message, publicKey)) return null;
  }
  return 'the decision signature does not verify with any key in the policy (review.decisionKeys)';
}
