/**
 * The shipped examples (review/reviewers.example.json, deploy/.env.example) are public: anyone can
 * sign in with their accounts or forge cookies with their secret. The review app refuses them at
 * start-up unless the demo started it (SWITCHYARD_DEMO=1, loopback only).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ReviewerDirectory } from './reviewers-config.js';

/** Session secrets that were ever shipped in an example file. */
const EXAMPLE_SECRETS = new Set(['change-me-change-me-change-me-change-me']);

const exampleFile = fileURLToPath(new URL('./reviewers.example.json', import.meta.url));

/** Why the configuration uses a public example, or null when it uses none. */
export function exampleCredentialProblem(secret: string | undefined, reviewers: ReviewerDirectory): string | null {
  if (secret !== undefined && (EXAMPLE_SECRETS.has(secret) || /change-?me/i.test(secret))) return 'SWITCHYARD_REVIEW_SECRET is the example value from deploy/.env.example; set your own (`openssl rand -base64 32`)';
  const example = JSON.parse(readFileSync(exampleFile, 'utf8')) as { reviewers: Array<{ passwordHash?: string; tokenHashes?: string[] }> };
  const publicHashes = new Set(example.reviewers.flatMap((reviewer) => [reviewer.passwordHash ?? '', ...(reviewer.tokenHashes ?? [])]).filter(Boolean));
  const exposed = reviewers.reviewers.filter((reviewer) => [reviewer.passwordHash ?? '', ...reviewer.tokenHashes].some((hash) => publicHashes.has(hash)));
  if (exposed.length > 0) return `the reviewers file uses the example accounts' passwords or tokens (${exposed.map((reviewer) => reviewer.id).join(', ')}); set your own hashes (npx tsx review/hash-password.ts)`;
  return null;
}
