/**
 * Reviewer credentials at rest: scrypt for passwords (slow on purpose, salted), SHA-256 for API
 * tokens (random 256-bit strings, so a fast hash is enough and look-up stays cheap). Both compare
 * in constant time. node:crypto only: no native modules to build.
 */
import { createHash, randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

// OWASP's minimum for scrypt: N=2^14, r=8, p=1 (about 16 MiB and tens of milliseconds per check).
const COST = { N: 16_384, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;

function scryptAsync(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password, salt, KEY_LENGTH, { ...options, maxmem: 64 * 1024 * 1024 }, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

/** Hash a password as `scrypt:N:r:p:salt:key` (base64url), the form reviewers files hold. */
export async function hashPassword(password: string): Promise<string> {
  if (password.length === 0) throw new Error('a password cannot be empty');
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, COST);
  return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64url'), key.toString('base64url')].join(':');
}

/** Whether `password` matches a `scrypt:` hash; a malformed hash never matches. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split(':');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64url');
  const actual = await scryptAsync(password, Buffer.from(salt, 'base64url'), { N: Number(n), r: Number(r), p: Number(p) });
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** A well-formed hash of a password nobody has: checked when the account is unknown, so timing says nothing. */
export const DECOY_PASSWORD_HASH = 'scrypt:16384:8:1:c3dpdGNoeWFyZC1kZWNveQ:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

/** A new random API token for a reviewer (shown once; only its hash is stored). */
export function generateToken(): string {
  return `syr_${randomBytes(32).toString('base64url')}`;
}

/** Hash an API token as `sha256:<hex>`. */
export function hashToken(token: string): string {
  return `sha256:${createHash('sha256').update(token).digest('hex')}`;
}

/** Whether `token` matches a `sha256:` token hash, compared in constant time. */
export function verifyToken(token: string, stored: string): boolean {
  return constantTimeEqual(hashToken(token), stored);
}

/** Whether two strings are equal, compared in constant time (only their lengths can show). */
export function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
