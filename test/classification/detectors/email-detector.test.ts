import { describe, expect, it } from 'vitest';
import { createEmailDetector } from '../../../classification/detectors/email-detector.js';
import { matchedTexts } from '../detector-fixtures.js';

const detector = createEmailDetector();

describe('email detector', () => {
  it.each([
    ['a plain address', 'jane.doe@example.com'],
    ['a plus tag and subdomains', 'jane+news@mail.example.co.uk'],
    ['digits and dashes', 'ops-team-2@my-company.io'],
  ])('finds %s with an exact span', (_label, email) => {
    expect(matchedTexts(detector, `contact <${email}>.`)).toEqual([email]);
  });

  it('excludes the sentence full stop from the span', () => {
    expect(matchedTexts(detector, 'Mail jane@example.com.')).toEqual(['jane@example.com']);
  });

  it.each([
    ['a host without a TLD', 'root@localhost'],
    ['a one-letter TLD', 'jane@example.c'],
    ['a numeric TLD', 'jane@1.2.3.4'],
    ['a doubled at-sign', 'jane@@example.com'],
    ['two at-signs in one token', 'jane@example.com@other.com'],
    ['a leading dot in the local part', '.jane@example.com'],
    ['a domain without a name', 'jane@.com'],
    ['a Python decorator', '@app.route("/")'],
    ['a token in URL userinfo', 'https://x-access-token:abc123token@github.com/acme/app.git'],
    ['a bare token as URL user', 'https://abc123token@gitlab.example.com/team/lib.git'],
  ])('rejects %s', (_label, text) => {
    expect(detector.detect(text)).toEqual([]);
  });
});
