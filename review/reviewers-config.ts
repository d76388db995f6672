/**
 * The reviewers file: who may sign in to the review app, with hashed passwords and API tokens.
 * Validated with zod at load time; errors name the file and the path in the document.
 */
import { readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { constantTimeEqual, DECOY_PASSWORD_HASH, hashToken, verifyPassword } from './password-hash.js';

const reviewerSchema = z.strictObject({
  /** The identity recorded in the workflow's history (must also be a reviewer the workflow accepts). */
  id: z.string().regex(/^[A-Za-z0-9._@-]{1,64}$/, 'letters, digits and . _ @ - only, at most 64'),
  name: z.string().min(1),
  passwordHash: z.string().startsWith('scrypt:', 'a hash made by `npx tsx review/hash-password.ts`').optional(),
  tokenHashes: z.array(z.string().startsWith('sha256:', 'a token hash made by `npx tsx review/hash-password.ts --token`')).default([]),
});

/** The file's schema (`$comment` lets a shipped example explain itself). */
const reviewersFileSchema = z.strictObject({
  $comment: z.string().optional(),
  reviewers: z
    .array(reviewerSchema)
    .min(1)
    .refine((list) => new Set(list.map((reviewer) => reviewer.id)).size === list.length, 'reviewer ids must be unique'),
});

/** One reviewer account. */
export type Reviewer = z.infer<typeof reviewerSchema>;

/** The accounts the app accepts, with the checks that use them. */
export interface ReviewerDirectory {
  reviewers: readonly Reviewer[];
  byId(id: string): Reviewer | undefined;
  /** The reviewer whose id and password match, or null (same work either way, so timing leaks nothing). */
  signIn(id: string, password: string): Promise<Reviewer | null>;
  /** The reviewer who owns this bearer token, or null. */
  byToken(token: string): Reviewer | null;
}

/** Build a directory from an already parsed document (tests build one in memory). */
export function createReviewerDirectory(document: z.input<typeof reviewersFileSchema>): ReviewerDirectory {
  const { reviewers } = reviewersFileSchema.parse(document);
  const byId = (id: string) => reviewers.find((reviewer) => reviewer.id === id);
  return {
    reviewers,
    byId,
    async signIn(id, password) {
      const reviewer = byId(id);
      const matches = await verifyPassword(password, reviewer?.passwordHash ?? DECOY_PASSWORD_HASH);
      return reviewer?.passwordHash && matches ? reviewer : null;
    },
    byToken(token) {
      // Hash once, then check every stored hash without stopping early: which account a token belongs to stays unobservable.
      const hashed = hashToken(token);
      let owner: Reviewer | null = null;
      for (const reviewer of reviewers) for (const hash of reviewer.tokenHashes) if (constantTimeEqual(hashed, hash)) owner = reviewer;
      return owner;
    },
  };
}

/**
 * Load a reviewers file and keep following it: an edited file (a changed password, a removed
 * account) takes effect on the next request, so sessions opened with the old password end at once.
 * A file edited into an invalid state is reported and the last valid one stays in force.
 */
export async function loadReviewerDirectory(path: string): Promise<ReviewerDirectory> {
  // Stamped before the read: an edit landing during the first load is picked up, not missed.
  let stamp = fileStamp(path);
  let current = await loadReviewerFile(path);
  const fresh = (): ReviewerDirectory => {
    const now = fileStamp(path);
    if (now !== stamp) {
      stamp = now;
      try {
        current = directoryFromText(readFileSync(path, 'utf8'), path);
      } catch (error) {
        console.error(`review: ${path} changed but is not valid (${(error as Error).message}); keeping the previous accounts`);
      }
    }
    return current;
  };
  return {
    get reviewers() {
      return fresh().reviewers;
    },
    byId: (id) => fresh().byId(id),
    signIn: (id, password) => fresh().signIn(id, password),
    byToken: (token) => fresh().byToken(token),
  };
}

function fileStamp(path: string): string {
  try {
    const stats = statSync(path);
    return `${stats.mtimeMs}:${stats.size}:${stats.ino}`;
  } catch {
    return 'missing';
  }
}

/** Load and validate a reviewers file once, or throw an error naming the file and what is wrong. */
async function loadReviewerFile(path: string): Promise<ReviewerDirectory> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new Error(
      `Cannot read the reviewers file ${path}: ${(error as Error).message}. ` +
        'Copy review/reviewers.example.json, set hashes made with `npx tsx review/hash-password.ts`, and point SWITCHYARD_REVIEWERS at it.',
    );
  }
  return directoryFromText(text, path);
}

/** Validate a reviewers file's text, or throw an error naming the file and what is wrong. */
function directoryFromText(text: string, path: string): ReviewerDirectory {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new Error(`The reviewers file ${path} is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = reviewersFileSchema.safeParse(document);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new Error(`The reviewers file ${path} is invalid:\n  ${problems.join('\n  ')}`);
  }
  return createReviewerDirectory(parsed.data);
}
