/**
 * Rate limits and budgets, enforced by reserve-then-settle in one SQLite ledger. Admission runs in a
 * `BEGIN IMMEDIATE` transaction: it reads the key's usage in the window (settled rows at their
 * actual figures, in-flight rows at their reserved upper bound) and admits only while that is under
 * the limit, reserving the new request's upper bound. So concurrent requests cannot all slip under
 * one limit, and the total can pass a limit by at most the one request admitted just below it.
 * Rows of a process that died before settling keep counting at their upper bound: never undercount.
 */
import type { ApplicationKey } from './api-keys.js';
import { GatewayError } from './gateway-error.js';
import type { Statement } from 'libsql';
import type { GatewayDatabase } from './gateway-store.js';

/** Upper bounds of what one request may use, known before it runs. */
export interface UsageEstimate {
  tokens: number;
  costUsd: number;
}

/** What the request actually used. */
export interface ActualUsage {
  tokens: number;
  costUsd: number;
  workflowId?: string;
}

const minuteMs = 60_000;

/** Start of the budget period containing `now` (UTC). */
export function periodStart(period: 'day' | 'month', now: number): number {
  const date = new Date(now);
  return period === 'day' ? Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()) : Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
}

function periodEnd(period: 'day' | 'month', now: number): number {
  const date = new Date(now);
  return period === 'day' ? Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() + 1) : Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
}

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

/** The ledger over the gateway store. */
export class UsageLedger {
  private readonly admitTransaction: (key: ApplicationKey, estimate: UsageEstimate, now: number) => number | GatewayError;
  private readonly settleStatement: Statement;
  private readonly minuteStatement: Statement;
  private readonly costSince: Statement;

  constructor(database: GatewayDatabase) {
    const countSince = database.prepare('SELECT COUNT(*) AS count, MIN(started_at) AS oldest FROM usage WHERE key_id = ? AND started_at > ?');
    const tokensSince = database.prepare('SELECT COALESCE(SUM(tokens), 0) AS tokens, MIN(started_at) AS oldest FROM usage WHERE key_id = ? AND started_at > ?');
    const costSince = database.prepare('SELECT COALESCE(SUM(cost_usd), 0) AS cost FROM usage WHERE key_id = ? AND started_at >= ?');
    const insert = database.prepare('INSERT INTO usage (key_id, started_at, tokens, cost_usd) VALUES (?, ?, ?, ?)');
    this.costSince = costSince;
    this.settleStatement = database.prepare('UPDATE usage SET settled = 1, tokens = ?, cost_usd = ?, workflow_id = ? WHERE id = ?');
    this.minuteStatement = database.prepare('SELECT COUNT(*) AS requests, COALESCE(SUM(tokens), 0) AS tokens FROM usage WHERE key_id = ? AND started_at > ?');
    const transaction = database.transaction((key: ApplicationKey, estimate: UsageEstimate, now: number): number | GatewayError => {
      if (key.requestsPerMinute !== undefined) {
        const { count, oldest } = countSince.get(key.keyId, now - minuteMs) as { count: number; oldest: number | null };
        if (count >= key.requestsPerMinute) {
          return new GatewayError(429, 'rate_limit_error', `Rate limit reached for application ${key.application}: ${key.requestsPerMinute} requests per minute.`, 'rate_limit_exceeded', null, seconds((oldest ?? now) + minuteMs - now));
        }
      }
      if (key.tokensPerMinute !== undefined) {
        const { tokens, oldest } = tokensSince.get(key.keyId, now - minuteMs) as { tokens: number; oldest: number | null };
        if (tokens >= key.tokensPerMinute) {
          return new GatewayError(429, 'rate_limit_error', `Rate limit reached for application ${key.application}: ${key.tokensPerMinute} tokens per minute (used ${tokens}).`, 'tokens_per_minute_exceeded', null, seconds((oldest ?? now) + minuteMs - now));
        }
      }
      if (key.budgetUsd !== undefined) {
        const period = key.budgetPeriod ?? 'month';
        const { cost } = costSince.get(key.keyId, periodStart(period, now)) as { cost: number };
        if (cost >= key.budgetUsd) {
          return new GatewayError(429, 'insufficient_quota', `Budget of $${key.budgetUsd} per ${period} reached for application ${key.application} (spent or reserved $${cost.toFixed(6)}).`, 'insufficient_quota', null, seconds(periodEnd(period, now) - now));
        }
      }
      return Number(insert.run(key.keyId, now, estimate.tokens, estimate.costUsd).lastInsertRowid);
    });
    this.admitTransaction = (key, estimate, now) => transaction.immediate(key, estimate, now);
  }

  /** Admits a request and reserves its upper bound, or returns the 429 to send. */
  admit(key: ApplicationKey, estimate: UsageEstimate, now = Date.now()): number | GatewayError {
    return this.admitTransaction(key, estimate, now);
  }

  /** Replaces a reservation by what the request used (0 and 0 for a request that never ran). */
  settle(reservation: number, actual: ActualUsage): void {
    this.settleStatement.run(actual.tokens, actual.costUsd, actual.workflowId ?? null, reservation);
  }

  /** A key's usage in the current minute and budget period (for the usage endpoint and tests). */
  summary(key: ApplicationKey, now = Date.now()): { requestsLastMinute: number; tokensLastMinute: number; costUsdThisPeriod: number } {
    const minute = this.minuteStatement.get(key.keyId, now - minuteMs) as { requests: number; tokens: number };
    const { cost } = this.costSince.get(key.keyId, periodStart(key.budgetPeriod ?? 'month', now)) as { cost: number };
    return { requestsLastMinute: minute.requests, tokensLastMinute: minute.tokens, costUsdThisPeriod: cost };
  }
}
