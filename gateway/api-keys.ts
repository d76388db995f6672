/**
 * API keys: `sy_<keyId>_<secret>`, each belonging to one application with its department, allowed
 * models and limits. Only a scrypt hash of the secret is stored; the key id finds the row, so
 * verification costs one scrypt, and a verified key is remembered (by its SHA-256) for a minute so
 * the hot path does not pay scrypt on every request.
 */
import { createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import type { Statement } from 'libsql';
import type { GatewayDatabase } from './gateway-store.js';

const scryptAsync = promisify(scrypt) as (password: string, salt: Buffer, length: number) => Promise<Buffer>;
const hashLength = 32;
const verifiedTtlMs = 60_000;

/** What a key fixes for every request made with it. */
export interface ApplicationKey {
  keyId: string;
  application: string;
  department?: string;
  /** Model names a request may name (`auto` included); `*` allows every model. */
  allowedModels: string[];
  requestsPerMinute?: number;
  tokensPerMinute?: number;
  budgetUsd?: number;
  budgetPeriod?: 'day' | 'month';
}

/** What creating a key needs. */
export type NewApplicationKey = Omit<ApplicationKey, 'keyId'>;

interface KeyRow {
  key_id: string;
  salt: string;
  hash: string;
  application: string;
  department: string | null;
  allowed_models: string;
  requests_per_minute: number | null;
  tokens_per_minute: number | null;
  budget_usd: number | null;
  budget_period: string | null;
}

function toKey(row: KeyRow): ApplicationKey {
  return {
    keyId: row.key_id,
    application: row.application,
    ...(row.department ? { department: row.department } : {}),
    allowedModels: JSON.parse(row.allowed_models) as string[],
    ...(row.requests_per_minute !== null ? { requestsPerMinute: row.requests_per_minute } : {}),
    ...(row.tokens_per_minute !== null ? { tokensPerMinute: row.tokens_per_minute } : {}),
    ...(row.budget_usd !== null ? { budgetUsd: row.budget_usd } : {}),
    ...(row.budget_period ? { budgetPeriod: row.budget_period as 'day' | 'month' } : {}),
  };
}

/** Whether the key may name `model` in a request. */
export function allowsModel(key: ApplicationKey, model: string): boolean {
  return key.allowedModels.includes('*') || key.allowedModels.includes(model);
}

/** Keys stored in the gateway database. */
export class ApiKeys {
  private readonly verified = new Map<string, { key: ApplicationKey; until: number }>();
  private readonly insertKey: Statement;
  private readonly liveKey: Statement;
  private readonly revokeKey: Statement;
  private readonly liveKeys: Statement;

  constructor(database: GatewayDatabase) {
    this.insertKey = database.prepare('INSERT INTO api_keys (key_id, salt, hash, application, department, allowed_models, requests_per_minute, tokens_per_minute, budget_usd, budget_period, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
    this.liveKey = database.prepare('SELECT * FROM api_keys WHERE key_id = ? AND revoked_at IS NULL');
    this.revokeKey = database.prepare('UPDATE api_keys SET revoked_at = ? WHERE key_id = ? AND revoked_at IS NULL');
    this.liveKeys = database.prepare('SELECT * FROM api_keys WHERE revoked_at IS NULL ORDER BY created_at');
  }

  /** Creates a key and returns its secret form, shown once and never stored. */
  async create(settings: NewApplicationKey): Promise<{ apiKey: string; key: ApplicationKey }> {
    if (!/^[\w.-]{1,64}$/.test(settings.application)) throw new RangeError(`application must be 1-64 letters, digits, ".", "_" or "-", got "${settings.application}"`);
    const keyId = randomBytes(6).toString('hex');
    const secret = randomBytes(24).toString('base64url');
    const salt = randomBytes(16);
    const hash = await scryptAsync(secret, salt, hashLength);
    this.insertKey.run(keyId, salt.toString('base64'), hash.toString('base64'), settings.application, settings.department ?? null, JSON.stringify(settings.allowedModels), settings.requestsPerMinute ?? null, settings.tokensPerMinute ?? null, settings.budgetUsd ?? null, settings.budgetPeriod ?? null, Date.now());
    return { apiKey: `sy_${keyId}_${secret}`, key: { keyId, ...settings } };
  }

  /** The key's settings, or undefined for a malformed, unknown, revoked or wrong key. */
  async verify(apiKey: string): Promise<ApplicationKey | undefined> {
    const fingerprint = createHash('sha256').update(apiKey).digest('base64');
    const remembered = this.verified.get(fingerprint);
    if (remembered && remembered.until > Date.now()) return remembered.key;
    const match = /^sy_([0-9a-f]{12})_([\w-]{32})$/.exec(apiKey);
    if (!match) return undefined;
    const row = this.liveKey.get(match[1]) as KeyRow | undefined;
    if (!row) return undefined;
    const expected = Buffer.from(row.hash, 'base64');
    const actual = await scryptAsync(match[2]!, Buffer.from(row.salt, 'base64'), expected.length);
    if (!timingSafeEqual(expected, actual)) return undefined;
    const key = toKey(row);
    this.verified.set(fingerprint, { key, until: Date.now() + verifiedTtlMs });
    return key;
  }

  /** Revokes a key (other gateway processes notice within a minute). */
  revoke(keyId: string): boolean {
    for (const [fingerprint, entry] of this.verified) if (entry.key.keyId === keyId) this.verified.delete(fingerprint);
    return this.revokeKey.run(Date.now(), keyId).changes > 0;
  }

  /** Every live key's settings (no secrets: there are none to show). */
  list(): ApplicationKey[] {
    return (this.liveKeys.all() as KeyRow[]).map(toKey);
  }
}
