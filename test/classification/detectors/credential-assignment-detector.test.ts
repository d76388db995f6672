import { describe, expect, it } from 'vitest';
import { createCredentialAssignmentDetector } from '../../../classification/detectors/credential-assignment-detector.js';
import { matchedTexts } from '../detector-fixtures.js';

const detector = createCredentialAssignmentDetector();
const RANDOM_TOKEN = ['q8Zk2', 'Lr7Vx', 'P0tN4', 'wYb9C', 'm3Hd6'].join('');

describe('credential assignment detector', () => {
  it.each([
    ['YAML', 'password: hunter2', 'hunter2'],
    ['an environment variable', 'DB_PASSWORD=hunter2', 'hunter2'],
    ['JSON', '{"password": "hunter2"}', 'hunter2'],
    ['a quoted passphrase with spaces', 'passphrase = "correct horse battery staple"', 'correct horse battery staple'],
    ['a secret-named random value', `client_secret: ${RANDOM_TOKEN}`, RANDOM_TOKEN],
    ['an Authorization header', `Authorization: Bearer ${RANDOM_TOKEN}`, RANDOM_TOKEN],
    ['a token in single quotes', `const apiToken = '${RANDOM_TOKEN}';`, RANDOM_TOKEN],
    ['a password in prose', 'fyi my password is Summer2024! so log in', 'Summer2024!'],
    ['a password in a URL', 'postgres://admin:s3cr3tPass@db.internal:5432/app', 's3cr3tPass'],
    ['a bare password containing "&"', 'POSTGRES_PASSWORD: Tr0ub4dor&3x', 'Tr0ub4dor&3x'],
    ['a password in a query string, up to the next parameter', '/login?user=bob&password=hunter22&next=/home', 'hunter22'],
  ])('finds the value only, in %s', (_label, text, value) => {
    expect(matchedTexts(detector, text)).toEqual([value]);
  });

  it.each([
    ['a type annotation', 'interface User { password: string; token: string }'],
    ['an environment lookup', 'password = process.env.DB_PASSWORD'],
    ['an environment lookup with a non-null assertion', 'const login = { password: process.env.PW!, user }'],
    ['a template placeholder', 'password: ${DB_PASSWORD}'],
    ['a function call', 'password = getpass()'],
    ['a comparison', 'if password == expected:'],
    ['a masked value', 'password: ********'],
    ['a documentation placeholder', 'api_key: YOUR_API_KEY_HERE'],
    ['a short value for a secret name', 'token: abc123'],
    ['a low-entropy value for a secret name', 'secret_key: aaaaaaaaaaaaaaaaaaaaaaaa1'],
    ['an identifier for a secret name', 'token_type: access_token_refresh_v2'],
    ['English after "password is"', 'The password is incorrect.'],
    ['a config key that only looks related', 'keyboard: qwerty-layout'],
    ['a PascalCase type annotation', 'function hash(password: BinaryLike, salt: string)'],
    ['a regex literal', 'const PASSWORD_NAME = /password|passwd/i;'],
    ['a prompt string naming the credential', 'passphrase: "Enter passphrase for key"'],
    ['a public key pin', `const pubkey256 = '${'pL1+qb9HTMRZJmuC/bB/ZI9d302BYrrqiVuRyW+DGrU='}'`],
    ['a documentation URL placeholder', "new Keyv('redis://user:pass@localhost:6379')"],
  ])('ignores %s', (_label, text) => {
    expect(detector.detect(text)).toEqual([]);
  });
});
