/**
 * The gateway's durable state in one SQLite file (libsql, the better-sqlite3 API with a prebuilt binary
 * from the npm registry, so a fresh install compiles no SQLite): API keys (hashed) and the usage
 * ledger that rate limits and budgets read. WAL mode and `BEGIN IMMEDIATE` transactions make every
 * admission atomic across concurrent requests, across gateway processes sharing the file on one
 * host, and across restarts (decision 0016 says how it scales past one host).
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'libsql';

/** An open store; close it when the gateway stops. */
export type GatewayDatabase = Database.Database;

const schema = `
CREATE TABLE IF NOT EXISTS api_keys (
  key_id TEXT PRIMARY KEY,
  salt TEXT NOT NULL,
  hash TEXT NOT NULL,
  application TEXT NOT NULL,
  department TEXT,
  allowed_models TEXT NOT NULL,
  requests_per_minute INTEGER,
  tokens_per_minute INTEGER,
  budget_usd REAL,
  budget_period TEXT,
  created_at INTEGER NOT NULL,
  revoked_at INTEGER
);
CREATE TABLE IF NOT EXISTS usage (
  id INTEGER PRIMARY KEY,
  key_id TEXT NOT NULL,
  started_at INTEGER NOT NULL,
  settled INTEGER NOT NULL DEFAULT 0,
  tokens INTEGER NOT NULL,
  cost_usd REAL NOT NULL,
  workflow_id TEXT
);
CREATE INDEX IF NOT EXISTS usage_by_key_time ON usage (key_id, started_at);
`;

/** Opens (creating if needed) the store at `file`; `:memory:` for a throwaway one. */
export function openGatewayStore(file: string): GatewayDatabase {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const database = new Database(file);
  database.pragma('journal_mode = WAL');
  // Other gateway processes on the same file hold the write lock for microseconds; wait, do not fail.
  database.pragma('busy_timeout = 5000');
  database.pragma('synchronous = NORMAL');
  database.exec(schema);
  return database;
}
