/**
 * Shared judgement for values found next to credential words: is this a real secret or a
 * placeholder, a type name, a variable, an identifier?
 */
import { looksRandom } from './shannon-entropy.js';
import { isAllSameCharacter } from './text-boundaries.js';

/** Names whose value is a password: any non-placeholder value counts, however guessable. */
export const PASSWORD_NAME = /password|passwd|passphrase|passcode|pwd/i;
/** Names whose value is a key or token: only a random-looking value counts. */
export const SECRET_NAME = /secret|token|key|credential|auth|bearer|signature/i;

/** Names of things that look like secrets but are public by design (hashes, pins, public keys). */
export const PUBLIC_VALUE_NAME = /public|pubkey|hash|digest|checksum|fingerprint|integrity|sha\d|md5/i;

/** Words that stand in for a value, or are a type annotation ("password: string"). */
const PLACEHOLDER_WORDS = new Set([
  'string', 'str', 'number', 'int', 'integer', 'boolean', 'bool', 'any', 'unknown', 'object', 'bytes', 'text',
  'varchar', 'char', 'none', 'null', 'nil', 'undefined', 'true', 'false', 'required', 'optional', 'hidden',
  'redacted', 'masked', 'empty', 'password', 'passwd', 'secret', 'token', 'key', 'changeme', 'example', 'sample',
  'placeholder', 'dummy', 'todo', 'tbd', 'n/a', 'na', 'value', 'your_password', 'yourpassword', 'mypassword',
  'pass', 'pw', 'user', 'username',
]);
/** "<your-key>", "${TOKEN}", "{{ secret }}", "xxxx", "***": a template slot, not a value. */
const PLACEHOLDER_FRAGMENT = /your[_-]?|example|placeholder|replace[_-]?me|dummy|redacted|x{4,}|\*{3,}|^<.*>$|\{\{|\$\{/i;
/** `process.env.X`, `process.env.X!`, `os.environ[...]`, `getPassword()`, `config.db.password`: code, not a value. */
const CODE_REFERENCE = /[()[\]{}]|^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+!?$|^[$%@&]/;
/** "BinaryLike", "Buffer", "SecretString": a PascalCase type annotation, not a password. */
const TYPE_NAME = /^[A-Z][a-z]+(?:[A-Z][a-z]*)*$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True when a value given for a password-like name is plausibly the password itself. */
export function isPlausiblePassword(value: string): boolean {
  if (value.length < 4 || value.length > 128) return false;
  if (PLACEHOLDER_WORDS.has(value.toLowerCase()) || PLACEHOLDER_FRAGMENT.test(value)) return false;
  if (CODE_REFERENCE.test(value) || TYPE_NAME.test(value) || isAllSameCharacter(value)) return false;
  if (value.startsWith('/')) return false; // a regex literal or a path
  // "Enter password for ...": a phrase that names the credential is a prompt, not the credential.
  if (/\s/.test(value) && PASSWORD_NAME.test(value)) return false;
  return !/^[=>]/.test(value); // "password == x", "password => ...": comparisons and arrows
}

/** True when a value looks like a generated key or token rather than a word, path or id. */
export function isRandomLookingSecret(value: string): boolean {
  // Generated keys have no spaces; a phrase or a code fragment is not one.
  if (value.length < 20 || /\s/.test(value)) return false;
  if (PLACEHOLDER_FRAGMENT.test(value) || CODE_REFERENCE.test(value) || UUID.test(value)) return false;
  if (!/\d/.test(value) || !/[A-Za-z]/.test(value)) return false;
  if (looksLikeIdentifier(value)) return false;
  return looksRandom(value);
}

/**
 * "access_token_expiry_v2", "HTTP2_HEADER_CACHE_CONTROL", "ED25519KeyPairKeyObjectOptions": words
 * joined by separators or camelCase. Random keys almost never contain two separated words, and a
 * random mixed-case key switches between upper case, lower case and digits at ~62% of positions,
 * an identifier at 20-40%. (Tuned on random keys: under 3% of 20-character ones are rejected.)
 */
function looksLikeIdentifier(value: string): boolean {
  const words = value.split(/[-_/+.]/).filter((part) => /^(?:[A-Z]?[a-z]{3,}|[A-Z]{3,})\d{0,2}$/.test(part));
  if (words.length >= 2) return true;
  if (!/[A-Z]/.test(value) || !/[a-z]/.test(value)) return false;
  return characterClassSwitchRate(value) < 0.4;
}

function characterClassSwitchRate(value: string): number {
  const classOf = (character: string): string =>
    character >= 'A' && character <= 'Z' ? 'upper' : character >= 'a' && character <= 'z' ? 'lower' : character >= '0' && character <= '9' ? 'digit' : 'other';
  let switches = 0;
  for (let index = 1; index < value.length; index++) {
    if (classOf(value[index]!) !== classOf(value[index - 1]!)) switches += 1;
  }
  return switches / (value.length - 1);
}
