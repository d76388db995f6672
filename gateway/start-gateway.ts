/**
 * Starts the gateway from settings: a lazy Temporal connection (the gateway comes up and answers
 * 503 while Temporal is down), the store, the policy, and the HTTP server.
 */
import { serve } from '@hono/node-server';
import { Client, Connection } from '@temporalio/client';
import { loadPolicyFile } from '../routing/policy-loader.js';
import { loadDataConverter } from '../temporal/data-converter.js';
import { ApiKeys } from './api-keys.js';
import { createGatewayApp } from './gateway-app.js';
import type { GatewaySettings } from './gateway-settings.js';
import { openGatewayStore } from './gateway-store.js';
import { RoutedTaskClient } from './routed-task-client.js';
import { StreamSlots } from './stream-slots.js';
import { UsageLedger } from './usage-ledger.js';

/** A running gateway. */
export interface RunningGateway {
  url: string;
  close(): Promise<void>;
}

/** Starts the gateway and resolves once it listens. */
export async function startGateway(settings: GatewaySettings): Promise<RunningGateway> {
  const policy = await loadPolicyFile(settings.policyFile);
  const dataConverter = loadDataConverter();
  const connection = Connection.lazy({ address: settings.temporalAddress, connectTimeout: 5_000 });
  const client = new Client({ connection, namespace: settings.namespace, dataConverter });
  const database = openGatewayStore(settings.storeFile);
  // The stream URL needs the listening port when none is configured: set once the server listens.
  const streams = new StreamSlots(settings.streamUrl ?? undefined);
  const app = createGatewayApp({
    policy,
    tasks: new RoutedTaskClient({ client, namespace: settings.namespace, controlQueue: settings.controlTaskQueue }),
    keys: new ApiKeys(database),
    ledger: new UsageLedger(database),
    embedders: settings.embedders,
    namespace: settings.namespace,
    uiUrl: settings.uiUrl,
    streams,
  });
  const server = serve({ fetch: app.fetch, port: settings.port, hostname: settings.hostname });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : settings.port;
  // A wildcard listen address names no host a worker could reach: then only SWITCHYARD_GATEWAY_STREAM_URL enables live streaming.
  if (settings.streamUrl === undefined && settings.hostname !== '0.0.0.0' && settings.hostname !== '::') streams.baseUrl = `http://${settings.hostname}:${port}`;
  return {
    url: `http://${settings.hostname}:${port}`,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await connection.close();
      database.close();
    },
  };
}
