/**
 * A gateway for tests: the real app on an ephemeral port, in front of a test cluster (real Temporal
 * dev server, real workers, model-server doubles), with its SQLite store in a temp directory that
 * a restart can reopen.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import type { Client } from '@temporalio/client';
import { ApiKeys, type NewApplicationKey } from '../../gateway/api-keys.js';
import { createGatewayApp } from '../../gateway/gateway-app.js';
import type { GatewayLimits } from '../../gateway/gateway-context.js';
import { openGatewayStore, type GatewayDatabase } from '../../gateway/gateway-store.js';
import { RoutedTaskClient } from '../../gateway/routed-task-client.js';
import { StreamSlots } from '../../gateway/stream-slots.js';
import { UsageLedger } from '../../gateway/usage-ledger.js';
import { createLexicalEmbedder } from '../../knowledge/lexical-embedder.js';
import type { Policy } from '../../routing/policy-schema.js';

/** A running test gateway. */
export interface TestGateway {
  /** The OpenAI base URL: `http://127.0.0.1:<port>/v1`. */
  baseURL: string;
  url: string;
  storeFile: string;
  keys: ApiKeys;
  ledger: UsageLedger;
  database: GatewayDatabase;
  /** The gateway's stream slots (live streaming on), when the target asked for them. */
  streams: StreamSlots | undefined;
  /** Creates a key (default: every model, no limits) and returns its secret form. */
  createKey(settings?: Partial<NewApplicationKey>): Promise<string>;
  close(): Promise<void>;
}

/** Where the gateway starts tasks in a test. */
export interface TestGatewayTarget {
  client: Client;
  policy: Policy;
  controlQueue: string;
  storeFile?: string;
  limits?: Partial<GatewayLimits>;
  /** Open stream slots, reachable at the gateway's own URL (workers must allow-list it). */
  streams?: boolean;
}

/** Starts the gateway app on 127.0.0.1:<ephemeral>. */
export async function startTestGateway(target: TestGatewayTarget): Promise<TestGateway> {
  const storeFile = target.storeFile ?? join(mkdtempSync(join(tmpdir(), 'switchyard-gateway-')), 'gateway.sqlite');
  const database = openGatewayStore(storeFile);
  const keys = new ApiKeys(database);
  const ledger = new UsageLedger(database);
  const streams = target.streams ? new StreamSlots(undefined) : undefined;
  const app = createGatewayApp({
    policy: target.policy,
    tasks: new RoutedTaskClient({ client: target.client, namespace: 'default', controlQueue: target.controlQueue }),
    keys,
    ledger,
    embedders: new Map([['lexical', createLexicalEmbedder()]]),
    namespace: 'default',
    uiUrl: 'http://localhost:8233',
    ...(target.limits ? { limits: target.limits } : {}),
    ...(streams ? { streams } : {}),
  });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as { port: number };
  const url = `http://127.0.0.1:${port}`;
  if (streams) streams.baseUrl = url;
  return {
    url,
    baseURL: `${url}/v1`,
    storeFile,
    keys,
    ledger,
    database,
    streams,
    async createKey(settings = {}) {
      const { apiKey } = await keys.create({ application: 'test-app', allowedModels: ['*'], ...settings });
      return apiKey;
    },
    async close() {
      // Clients keep idle keep-alive sockets; close them so close() does not wait for their timeout.
      (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      database.close();
    },
  };
}
