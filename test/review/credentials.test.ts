/** Reviewer credentials: scrypt password hashes, token hashes, and the reviewers file's validation. */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hashPassword, hashToken, verifyPassword, verifyToken } from '../../review/password-hash.js';
import { createReviewerDirectory, loadReviewerDirectory } from '../../review/reviewers-config.js';

describe('password hashes', () => {
  it('verify the right password only, and salt each hash', async () => {
    const hash = await hashPassword('s3cret passphrase');
    expect(hash).toMatch(/^scrypt:16384:8:1:[\w-]+:[\w-]+$/);
    expect(await verifyPassword('s3cret passphrase', hash)).toBe(true);
    expect(await verifyPassword('s3cret passphrasE', hash)).toBe(false);
    expect(await hashPassword('s3cret passphrase')).not.toBe(hash);
  });

  it('never match a malformed hash', async () => {
    expect(await verifyPassword('x', 'plain-text-password')).toBe(false);
    expect(await verifyPassword('x', 'scrypt:16384:8:1:onlysalt')).toBe(false);
  });

  it('tokens verify against their sha256 hash only', () => {
    expect(verifyToken('syr_abc', hashToken('syr_abc'))).toBe(true);
    expect(verifyToken('syr_abd', hashToken('syr_abc'))).toBe(false);
  });
});

describe('the reviewers file', () => {
  it('the shipped example loads, and its documented example password signs alice in', async () => {
    const directory = await loadReviewerDirectory('review/reviewers.example.json');
    expect(directory.reviewers.map((reviewer) => reviewer.id)).toEqual(['alice', 'bob']);
    expect((await directory.signIn('alice', 'alice-example-password'))?.id).toBe('alice');
    expect(await directory.signIn('alice', 'bob-example-password')).toBeNull();
    expect(directory.byToken('syr_example-token-replace-me')?.id).toBe('alice');
  });

  it('an invalid file is refused with its name and the path of each problem', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'reviewers-'));
    const file = join(folder, 'reviewers.json');
    await writeFile(file, JSON.stringify({ reviewers: [{ id: 'alice', name: 'A', passwordHash: 'hunter2' }, { id: 'alice', name: 'B' }] }));
    const error = await loadReviewerDirectory(file).catch((caught: Error) => caught);
    expect(String(error)).toContain(`The reviewers file ${file} is invalid`);
    expect(String(error)).toContain('reviewers.0.passwordHash');
    expect(String(error)).toContain('reviewer ids must be unique');
  });

  it('a token-only account cannot sign in with a password', async () => {
    const directory = createReviewerDirectory({ reviewers: [{ id: 'bot', name: 'Bot', tokenHashes: [hashToken('syr_bot')] }] });
    expect(await directory.signIn('bot', '')).toBeNull();
    expect(directory.byToken('syr_bot')?.id).toBe('bot');
  });
});
