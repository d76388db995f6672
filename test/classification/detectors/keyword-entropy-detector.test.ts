import { describe, expect, it } from 'vitest';
import { createKeywordEntropyDetector } from '../../../classification/detectors/keyword-entropy-detector.js';
import { shannonEntropy } from '../../../classification/detectors/shannon-entropy.js';
import { matchedTexts } from '../detector-fixtures.js';

const detector = createKeywordEntropyDetector();
const BASE64_TOKEN = ['wJalrXUtnFEMI', 'K7MDENG', 'bPxRfiCY3XAMPL3K3Y'].join('/');

describe('keyword entropy detector', () => {
  it('finds a hex key shortly after "api key"', () => {
    expect(matchedTexts(detector, 'my api key is 9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c, ok')).toEqual(['9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c']);
  });

  it('finds a base64 secret after "secret"', () => {
    expect(matchedTexts(detector, `the secret access key ${BASE64_TOKEN}`)).toEqual([BASE64_TOKEN]);
  });

  it.each([
    ['a random token with no credential word nearby', 'commit 9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c merged'],
    ['a UUID after "key"', 'idempotency key 550e8400-e29b-41d4-a716-446655440000'],
    ['a snake_case identifier after "token"', 'token field access_token_expiry_seconds_v2'],
    ['a camelCase identifier after "token"', 'the token getter accessTokenExpirySeconds2'],
    ['a word without digits after "key"', 'the key abcdefghijklmnopqrstuvwxyz'],
    ['a path after "auth"', 'see auth/token-service/handlers'],
    ['a PascalCase type name after "key"', '[key: string]: JSONSchema7Definition'],
    ['a function name after "token"', 'token;\nexport declare function base64URLEncodeNoPadding'],
    ['a declared type name after "key"', 'interface KeyObject {}\ninterface X448KeyPairKeyObjectOptions {}'],
    ['a public key pin', 'Public key pin-sha256: pL1+qb9HTMRZJmuC/bB/ZI9d302BYrrqiVuRyW+DGrU='],
  ])('ignores %s', (_label, text) => {
    expect(detector.detect(text)).toEqual([]);
  });

  it('measures entropy in bits per character', () => {
    expect(shannonEntropy('')).toBe(0);
    expect(shannonEntropy('aaaa')).toBe(0);
    expect(shannonEntropy('abab')).toBe(1);
    expect(shannonEntropy('abcd')).toBe(2);
  });
});
