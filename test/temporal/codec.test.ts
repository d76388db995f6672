/**
 * The AES-GCM payload codec and its keys: round trips, rotation, tampering, and the start-up errors
 * that stand between a missing key and clear-text history.
 */
import { mkdtemp, readFile, stat, writeFile, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultPayloadConverter } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import { loadDataConverter } from '../../temporal/data-converter.js';
import { parseInlineKeys, PayloadKeyError, rotateKeyFile, keyringFromEnvironment } from '../../temporal/key-store.js';
import { AesGcmPayloadCodec, KEY_ID_METADATA, PayloadDecryptionError } from '../../temporal/payload-codec.js';

const OLD = 'old:QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUE=';
const NEW = 'new:QkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkI=';
const SECRET = { prompt: 'My card 4539 1488 0343 6467 was charged twice' };

describe('AES-GCM payload codec', () => {
  it('encrypts with the current key, names it in the metadata, and decrypts to the same payload', async () => {
    const codec = new AesGcmPayloadCodec(parseInlineKeys(`${NEW},${OLD}`));
    const clear = defaultPayloadConverter.toPayload(SECRET);
    const [sealed] = await codec.encode([clear]);
    expect(Buffer.from(sealed!.data!).toString('latin1')).not.toContain('4539');
    expect(new TextDecoder().decode(sealed!.metadata![KEY_ID_METADATA])).toBe('new');
    const [opened] = await codec.decode([sealed!]);
    expect(defaultPayloadConverter.fromPayload(opened!)).toEqual(SECRET);
  });

  it('uses a fresh nonce per payload: the same value never encrypts to the same bytes', async () => {
    const codec = new AesGcmPayloadCodec(parseInlineKeys(NEW));
    const clear = defaultPayloadConverter.toPayload(SECRET);
    const [first, second] = await codec.encode([clear, clear]);
    expect(Buffer.from(first!.data!).equals(Buffer.from(second!.data!))).toBe(false);
  });

  it('keeps payloads written under a rotated-out key readable', async () => {
    const [sealedWithOld] = await new AesGcmPayloadCodec(parseInlineKeys(OLD)).encode([defaultPayloadConverter.toPayload(SECRET)]);
    const rotated = new AesGcmPayloadCodec(parseInlineKeys(`${NEW},${OLD}`));
    const [opened] = await rotated.decode([sealedWithOld!]);
    expect(defaultPayloadConverter.fromPayload(opened!)).toEqual(SECRET);
  });

  it('refuses a tampered payload, a swapped key id and an unknown key', async () => {
    const codec = new AesGcmPayloadCodec(parseInlineKeys(`${NEW},${OLD}`));
    const [sealed] = await codec.encode([defaultPayloadConverter.toPayload(SECRET)]);
    const flipped = Buffer.from(sealed!.data!);
    flipped[20] = flipped[20]! ^ 1;
    await expect(codec.decode([{ ...sealed!, data: flipped }])).rejects.toBeInstanceOf(PayloadDecryptionError);
    const swapped = { ...sealed!, metadata: { ...sealed!.metadata, [KEY_ID_METADATA]: new TextEncoder().encode('old') } };
    await expect(codec.decode([swapped])).rejects.toThrow(/failed authentication/);
    await expect(new AesGcmPayloadCodec(parseInlineKeys(OLD)).decode([sealed!])).rejects.toThrow(/key "new", which is not in the keyring/);
  });
});

describe('payload keys', () => {
  it('makes a missing key a start-up error that says how to create one', () => {
    expect(() => loadDataConverter({ env: {} })).toThrow(PayloadKeyError);
    expect(() => loadDataConverter({ env: {} })).toThrow(/switchyard keys generate/);
  });

  it('refuses keys of the wrong length', () => {
    expect(() => parseInlineKeys('short:QUJD')).toThrow(/expected 32 bytes/);
  });

  it('generates a 0600 key file, rotates to a new current key and keeps the old one', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'switchyard-keys-')), 'keys.json');
    const first = rotateKeyFile(file, new Date('2026-01-01T00:00:00Z'));
    const second = rotateKeyFile(file, new Date('2026-01-01T00:00:00Z'));
    expect(((await stat(file)).mode & 0o777).toString(8)).toBe('600');
    const keyring = keyringFromEnvironment({ SWITCHYARD_PAYLOAD_KEY_FILE: file })!;
    expect(keyring.currentKeyId).toBe(second);
    expect([...keyring.keys.keys()].sort()).toEqual([first, second].sort());
    expect(JSON.parse(await readFile(file, 'utf8')).current).toBe(second);
  });

  it('refuses a key file that group or others can read', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'switchyard-keys-')), 'keys.json');
    rotateKeyFile(file);
    await chmod(file, 0o644);
    expect(() => keyringFromEnvironment({ SWITCHYARD_PAYLOAD_KEY_FILE: file })).toThrow(/mode 644/);
    await writeFile(file, 'not json', { mode: 0o600 });
    await chmod(file, 0o600);
    expect(() => keyringFromEnvironment({ SWITCHYARD_PAYLOAD_KEY_FILE: file })).toThrow(/not JSON/);
  });
});
