/**
 * Make credentials for the reviewers file.
 *   npx tsx review/hash-password.ts            reads a password from stdin, prints its scrypt hash
 *   npx tsx review/hash-password.ts --token    prints a new API token (once) and the hash to store
 * The password is read from stdin, not argv, so it stays out of shell history and `ps`.
 */
import { text } from 'node:stream/consumers';
import { generateToken, hashPassword, hashToken } from './password-hash.js';

if (process.argv.includes('--token')) {
  const token = generateToken();
  console.log(`token (give it to the API client; it is not stored): ${token}`);
  console.log(`tokenHashes entry for the reviewers file: ${hashToken(token)}`);
} else {
  if (process.stdin.isTTY) process.stderr.write('Password (then Enter and Ctrl-D): ');
  const password = (await text(process.stdin)).replace(/\r?\n$/, '');
  if (!password) {
    console.error('hash-password: no password given on stdin');
    process.exit(1);
  }
  console.log(await hashPassword(password));
}
