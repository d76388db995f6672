/** The usage ledger on a real SQLite file: windows, budgets, settling, and state that survives reopening. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ApiKeys, type ApplicationKey } from '../../gateway/api-keys.js';
import { GatewayError } from '../../gateway/gateway-error.js';
import { openGatewayStore } from '../../gateway/gateway-store.js';
import { UsageLedger, periodStart } from '../../gateway/usage-ledger.js';

const file = () => join(mkdtempSync(join(tmpdir(), 'switchyard-ledger-')), 'gateway.sqlite');
const key = (limits: Partial<ApplicationKey>): ApplicationKey => ({ keyId: 'k1', application: 'app', allowedModels: ['auto'], ...limits });
const now = Date.UTC(2026, 5, 15, 12, 0, 0);

describe('usage ledger', () => {
  it('counts in-flight reservations at their upper bound and settled requests at what they used', () => {
    const ledger = new UsageLedger(openGatewayStore(file()));
    const limited = key({ tokensPerMinute: 100 });
    const first = ledger.admit(limited, { tokens: 60, costUsd: 0 }, now) as number;
    expect(ledger.admit(limited, { tokens: 60, costUsd: 0 }, now)).toEqual(expect.any(Number));
    // 120 reserved ≥ 100: refused while both are in flight.
    const refused = ledger.admit(limited, { tokens: 60, costUsd: 0 }, now) as GatewayError;
    expect(refused).toMatchObject({ status: 429, code: 'tokens_per_minute_exceeded', retryAfterSeconds: 60 });
    ledger.settle(first, { tokens: 10, costUsd: 0 });
    expect(ledger.admit(limited, { tokens: 60, costUsd: 0 }, now)).toEqual(expect.any(Number));
  });

  it('frees the minute window after sixty seconds and the budget at the next period', () => {
    const ledger = new UsageLedger(openGatewayStore(file()));
    const perMinute = key({ keyId: 'rpm', requestsPerMinute: 1 });
    ledger.admit(perMinute, { tokens: 1, costUsd: 0 }, now);
    expect(ledger.admit(perMinute, { tokens: 1, costUsd: 0 }, now + 59_000)).toMatchObject({ status: 429, retryAfterSeconds: 1 });
    expect(ledger.admit(perMinute, { tokens: 1, costUsd: 0 }, now + 60_001)).toEqual(expect.any(Number));

    const daily = key({ keyId: 'budget', budgetUsd: 1, budgetPeriod: 'day' });
    ledger.settle(ledger.admit(daily, { tokens: 1, costUsd: 5 }, now) as number, { tokens: 1, costUsd: 1.5 });
    expect(ledger.admit(daily, { tokens: 1, costUsd: 0.1 }, now)).toMatchObject({ status: 429, code: 'insufficient_quota', retryAfterSeconds: 12 * 3600 });
    expect(ledger.admit(daily, { tokens: 1, costUsd: 0.1 }, periodStart('day', now) + 86_400_000)).toEqual(expect.any(Number));
  });

  it('keeps keys and usage across a reopen of the store, and never stores the secret', async () => {
    const path = file();
    const database = openGatewayStore(path);
    const { apiKey, key: created } = await new ApiKeys(database).create({ application: 'helpdesk', department: 'support', allowedModels: ['auto'], requestsPerMinute: 1 });
    new UsageLedger(database).admit(created, { tokens: 1, costUsd: 0 }, now);
    database.close();

    const reopened = openGatewayStore(path);
    const keys = new ApiKeys(reopened);
    expect(await keys.verify(apiKey)).toMatchObject({ application: 'helpdesk', department: 'support', requestsPerMinute: 1 });
    expect(await keys.verify(`${apiKey.slice(0, -1)}${apiKey.endsWith('A') ? 'B' : 'A'}`)).toBeUndefined();
    expect(await keys.verify('sk-not-ours')).toBeUndefined();
    expect(new UsageLedger(reopened).admit(created, { tokens: 1, costUsd: 0 }, now + 1_000)).toMatchObject({ status: 429 });
    const stored = JSON.stringify(reopened.prepare('SELECT * FROM api_keys').all());
    // The secret is everything after `sy_<12 hex>_`.
    expect(stored).not.toContain(apiKey.slice(16));
    keys.revoke(created.keyId);
    expect(await keys.verify(apiKey)).toBeUndefined();
  });
});
