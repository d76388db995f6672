/**
 * Where the decision-signing keys come from: the review app holds the secret key
 * (SWITCHYARD_REVIEW_SIGNING_KEY, base64), the control worker adds the public keys
 * (SWITCHYARD_REVIEW_PUBLIC_KEYS, comma-separated) to its policy's `review.decisionKeys`.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ed25519 } from '@noble/curves/ed25519.js';
import type { Policy } from '../routing/policy-schema.js';
import { publicKeyOf, toBase64 } from './decision-signature.js';

/** A new Ed25519 key pair, base64. */
export function generateSigningKeyPair(): { secretKey: string; publicKey: string } {
  const secretKey = toBase64(ed25519.utils.randomSecretKey());
  return { secretKey, publicKey: publicKeyOf(secretKey) };
}

/** The policy with the environment's public decision keys added. */
export function withDecisionKeys(policy: Policy, env: NodeJS.ProcessEnv): Policy {
  const extra = (env.SWITCHYARD_REVIEW_PUBLIC_KEYS ?? '').split(',').map((key) => key.trim()).filter(Boolean);
  if (extra.length === 0) return policy;
  return { ...policy, review: { ...policy.review, decisionKeys: [...new Set([...policy.review.decisionKeys, ...extra])] } };
}

/** The demo's key pair: made once under .data/ (mode 0600), reused by later demo runs. */
export function demoSigningKeys(file = '.data/demo-review-signing.json'): { SWITCHYARD_REVIEW_SIGNING_KEY: string; SWITCHYARD_REVIEW_PUBLIC_KEYS: string } {
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(generateSigningKeyPair()), { mode: 0o600 });
  }
  const pair = JSON.parse(readFileSync(file, 'utf8')) as { secretKey: string; publicKey: string };
  return { SWITCHYARD_REVIEW_SIGNING_KEY: pair.secretKey, SWITCHYARD_REVIEW_PUBLIC_KEYS: pair.publicKey };
}
