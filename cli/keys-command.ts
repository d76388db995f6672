/** `switchyard keys generate` and `switchyard keys token`: make payload keys and operator tokens. */
import { randomBytes } from 'node:crypto';
import { generateSigningKeyPair } from '../review/decision-keys.js';
import { generateKey, keyIdFor, rotateKeyFile } from '../temporal/key-store.js';

/** Add a new current key to a key file (created 0600), or print an inline key for the environment. */
export function keysGenerateCommand(options: { file?: string }): number {
  if (options.file) {
    const id = rotateKeyFile(options.file);
    console.log(`${options.file}: new current key "${id}" (older keys kept so old histories stay readable). Set SWITCHYARD_PAYLOAD_KEY_FILE=${options.file} for every worker, client and the codec server.`);
    return 0;
  }
  console.log(`SWITCHYARD_PAYLOAD_KEYS=${keyIdFor()}:${generateKey()}`);
  return 0;
}

/** Print a random operator token for the codec server (SWITCHYARD_CODEC_TOKENS). */
export function keysTokenCommand(): number {
  console.log(randomBytes(32).toString('base64url'));
  return 0;
}

/** Print a new Ed25519 key pair for signed review decisions: the secret for the review app, the public key for the control worker. */
export function keysReviewSigningCommand(): number {
  const pair = generateSigningKeyPair();
  console.log(`# review app only:\nSWITCHYARD_REVIEW_SIGNING_KEY=${pair.secretKey}\n# control worker (or the policy's review.decisionKeys):\nSWITCHYARD_REVIEW_PUBLIC_KEYS=${pair.publicKey}`);
  return 0;
}
