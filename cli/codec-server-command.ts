/** `switchyard codec-server`: serve /encode and /decode to the Temporal UI for operators with a token. */
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { Connection } from '@temporalio/client';
import { createCodecServer } from '../temporal/codec-server.js';
import { loadKeyring } from '../temporal/data-converter.js';
import { AesGcmPayloadCodec } from '../temporal/payload-codec.js';
import { readEnvironment } from '../workers/worker-environment.js';
import { shutdownSignal } from './shutdown-signal.js';

/** Options of the codec server command. */
export interface CodecServerCommandOptions {
  port: number;
  host: string;
  /** The Temporal UI's origin, the only one CORS lets in. */
  uiOrigin: string;
  env?: NodeJS.ProcessEnv;
}

/** A running codec server. */
export interface RunningCodecServer {
  url: string;
  close(): Promise<void>;
}

/** Operator tokens from SWITCHYARD_CODEC_TOKENS (comma-separated). */
export function codecTokensFromEnvironment(env: NodeJS.ProcessEnv): string[] {
  const tokens = (env.SWITCHYARD_CODEC_TOKENS ?? '').split(',').map((token) => token.trim()).filter(Boolean);
  if (tokens.length === 0) throw new Error('SWITCHYARD_CODEC_TOKENS is not set: give operators a token each (`switchyard keys token` makes one); without one nobody could decode');
  return tokens;
}

/** Start the codec server with the environment's keys and tokens. */
export async function startCodecServer(options: CodecServerCommandOptions): Promise<RunningCodecServer> {
  const env = options.env ?? process.env;
  // Runs carry a reference to their policy record; the codec server reads records from Temporal so
  // operators see the policy itself in the UI (the connection is lazy: no Temporal, no records).
  const { temporalAddress, namespace } = readEnvironment(env);
  const connection = Connection.lazy({ address: temporalAddress });
  const app = createCodecServer({
    codec: new AesGcmPayloadCodec(loadKeyring(env)),
    tokens: codecTokensFromEnvironment(env),
    uiOrigin: options.uiOrigin,
    policyRecords: { workflowService: connection.workflowService, namespace },
  });
  const server = await new Promise<ServerType>((resolve, reject) => {
    const started = serve({ fetch: app.fetch, port: options.port, hostname: options.host }, () => resolve(started));
    started.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  // The dev UI is served as http://localhost:…: naming the loopback server the same way keeps the
  // operator's SameSite cookie same-site, so the browser sends it with the UI's codec calls.
  const urlHost = options.host === '127.0.0.1' ? 'localhost' : options.host;
  return {
    url: `http://${urlHost}:${port}`,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await connection.close();
    },
  };
}

/** Run until Ctrl-C; returns the exit code. */
export async function codecServerCommand(options: CodecServerCommandOptions): Promise<number> {
  const server = await startCodecServer(options);
  console.error(`codec server: ${server.url} (UI origin ${options.uiOrigin}); operators open ${server.url}/authorize once, then the Temporal UI decodes payloads`);
  await shutdownSignal();
  await server.close();
  return 0;
}
