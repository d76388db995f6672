/**
 * The payload keys: where they come from (a key file or the environment), how they rotate, and how
 * a new one is made. A keyring has one current key (new payloads) and any number of older ones that
 * stay readable, each under an id that the codec writes into the payload's metadata.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** AES-256 keys are 32 bytes. */
const KEY_BYTES = 32;

/** The keys the codec may use. */
export interface Keyring {
  /** Id of the key new payloads are encrypted with. */
  currentKeyId: string;
  /** Every readable key by id (the current one included). */
  keys: ReadonlyMap<string, Buffer>;
}

/** The JSON shape of a key file. */
export interface KeyFile {
  current: string;
  keys: Record<string, string>;
}

/** Thrown when keys are missing, malformed or stored unsafely: a start-up error, never silent plaintext. */
export class PayloadKeyError extends Error {
  readonly type = 'PayloadKeyError';
  readonly retryable = false;
}

/** Where the keys are configured. */
export const KEY_ENVIRONMENT = {
  /** Path of a JSON key file ({ "current": id, "keys": { id: base64 } }), mode 0600. */
  file: 'SWITCHYARD_PAYLOAD_KEY_FILE',
  /** Inline keys: `id:base64,id:base64`; the first is the current one. */
  inline: 'SWITCHYARD_PAYLOAD_KEYS',
} as const;

/** Parse `id:base64,id:base64` (first is current). */
export function parseInlineKeys(text: string): Keyring {
  const entries = text.split(',').map((entry) => entry.trim()).filter(Boolean);
  if (entries.length === 0) throw new PayloadKeyError(`${KEY_ENVIRONMENT.inline} is empty; expected id:base64key[,id:base64key...]`);
  const keys = new Map<string, Buffer>();
  for (const entry of entries) {
    const colon = entry.indexOf(':');
    if (colon < 1) throw new PayloadKeyError(`${KEY_ENVIRONMENT.inline}: expected id:base64key, got an entry without an id`);
    keys.set(entry.slice(0, colon), decodeKey(entry.slice(0, colon), entry.slice(colon + 1)));
  }
  return { currentKeyId: entries[0]!.slice(0, entries[0]!.indexOf(':')), keys };
}

/** Parse a key file's JSON text. */
export function parseKeyFile(text: string, source: string): Keyring {
  let parsed: Partial<KeyFile>;
  try {
    parsed = JSON.parse(text) as Partial<KeyFile>;
  } catch (error) {
    throw new PayloadKeyError(`${source}: not JSON (${(error as Error).message})`);
  }
  if (typeof parsed.current !== 'string' || typeof parsed.keys !== 'object' || parsed.keys === null) {
    throw new PayloadKeyError(`${source}: expected { "current": "<id>", "keys": { "<id>": "<base64 32-byte key>" } }`);
  }
  const keys = new Map(Object.entries(parsed.keys).map(([id, value]) => [id, decodeKey(id, value)] as const));
  if (!keys.has(parsed.current)) throw new PayloadKeyError(`${source}: current key "${parsed.current}" is not among keys ${[...keys.keys()].join(', ')}`);
  return { currentKeyId: parsed.current, keys };
}

function decodeKey(id: string, value: unknown): Buffer {
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(id)) throw new PayloadKeyError(`key id "${id}": use 1-64 letters, digits, dot, dash or underscore`);
  const key = typeof value === 'string' ? Buffer.from(value, 'base64') : Buffer.alloc(0);
  if (key.length !== KEY_BYTES) throw new PayloadKeyError(`key "${id}": expected ${KEY_BYTES} bytes in base64, got ${key.length}`);
  return key;
}

/** Refuse a key file that others can read: it opens every history. */
function assertPrivate(path: string): void {
  const mode = statSync(path).mode & 0o777;
  if ((mode & 0o077) !== 0) throw new PayloadKeyError(`${path} has mode ${mode.toString(8)}; a key file must be readable by its owner only (chmod 600 ${path})`);
}

/** Read the keyring from the environment; undefined when none is configured. */
export function keyringFromEnvironment(env: NodeJS.ProcessEnv): Keyring | undefined {
  const file = env[KEY_ENVIRONMENT.file];
  if (file) {
    if (!existsSync(file)) throw new PayloadKeyError(`${KEY_ENVIRONMENT.file}=${file}: no such file; create it with \`switchyard keys generate --file ${file}\``);
    assertPrivate(file);
    return parseKeyFile(readFileSync(file, 'utf8'), file);
  }
  const inline = env[KEY_ENVIRONMENT.inline];
  return inline ? parseInlineKeys(inline) : undefined;
}

/** The id of a key made on `now`'s date: `kYYYYMMDD`. */
export function keyIdFor(now: Date = new Date()): string {
  return `k${now.toISOString().slice(0, 10).replaceAll('-', '')}`;
}

/** A fresh random key, base64. */
export function generateKey(): string {
  return randomBytes(KEY_BYTES).toString('base64');
}

/**
 * Add a new key to a key file (creating it, mode 0600) and make it current; older keys stay so old
 * histories remain readable. Returns the new key's id.
 */
export function rotateKeyFile(path: string, now: Date = new Date()): string {
  let file: KeyFile = { current: '', keys: {} };
  if (existsSync(path)) {
    const text = readFileSync(path, 'utf8');
    parseKeyFile(text, path);
    file = JSON.parse(text) as KeyFile;
  }
  const base = keyIdFor(now);
  let id = base;
  for (let suffix = 2; id in file.keys; suffix += 1) id = `${base}-${suffix}`;
  file = { current: id, keys: { ...file.keys, [id]: generateKey() } };
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
  // writeFile's mode applies only to a new file: tighten an existing one too.
  chmodSync(path, 0o600);
  return id;
}
