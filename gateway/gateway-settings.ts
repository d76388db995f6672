/**
 * What the gateway process reads from its environment: listen address, store file, local
 * embedders, plus the settings every Switchyard process shares (Temporal, namespace, policy).
 */
import { createEmbedderFromSpec } from '../knowledge/embedder-spec.js';
import type { Embedder } from '../knowledge/embedder.js';
import { readEnvironment, type SwitchyardEnvironment } from '../workers/worker-environment.js';

/** The gateway's settings. */
export interface GatewaySettings extends SwitchyardEnvironment {
  port: number;
  hostname: string;
  storeFile: string;
  /** Local embedders by the model name clients send to /v1/embeddings. */
  embedders: Map<string, Embedder>;
}

/**
 * Reads SWITCHYARD_GATEWAY_PORT (or PORT; 8000), SWITCHYARD_GATEWAY_HOST (127.0.0.1),
 * SWITCHYARD_GATEWAY_STORE (.data/gateway/gateway.sqlite), SWITCHYARD_GATEWAY_EMBEDDERS
 * (comma-separated embedder specs, default `lexical`; a cloud embedder is refused).
 */
export function readGatewaySettings(env: NodeJS.ProcessEnv = process.env): GatewaySettings {
  const rawPort = env.SWITCHYARD_GATEWAY_PORT ?? env.PORT ?? '8000';
  const port = Number(rawPort);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`SWITCHYARD_GATEWAY_PORT must be a port number, not "${rawPort}"`);
  const embedders = new Map<string, Embedder>();
  for (const spec of (env.SWITCHYARD_GATEWAY_EMBEDDERS ?? 'lexical').split(',').map((item) => item.trim()).filter(Boolean)) {
    const embedder = createEmbedderFromSpec(spec, env);
    if (embedder.location !== 'local') throw new Error(`SWITCHYARD_GATEWAY_EMBEDDERS: "${spec}" is a cloud embedder; the gateway serves embeddings only from local ones`);
    embedders.set(spec, embedder);
  }
  return {
    ...readEnvironment(env),
    port,
    hostname: env.SWITCHYARD_GATEWAY_HOST ?? '127.0.0.1',
    storeFile: env.SWITCHYARD_GATEWAY_STORE ?? '.data/gateway/gateway.sqlite',
    embedders,
  };
}
