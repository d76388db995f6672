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
  /**
   * How inference workers reach this gateway's delta endpoint (the workers must list its origin in
   * SWITCHYARD_STREAM_SINKS). Undefined: this gateway's own listen address when it is a specific
   * host; null: live streaming off.
   */
  streamUrl: string | null | undefined;
}

/**
 * Reads SWITCHYARD_GATEWAY_PORT (or PORT; 8000), SWITCHYARD_GATEWAY_HOST (127.0.0.1),
 * SWITCHYARD_GATEWAY_STORE (.data/gateway/gateway.sqlite), SWITCHYARD_GATEWAY_EMBEDDERS
 * (comma-separated embedder specs, default `lexical`; a cloud embedder is refused),
 * SWITCHYARD_GATEWAY_STREAM_URL (e.g. http://gateway:8000, see `streamUrl`; `off` disables live streaming).
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
    streamUrl: streamUrlOf(env.SWITCHYARD_GATEWAY_STREAM_URL),
  };
}

function streamUrlOf(value: string | undefined): string | null | undefined {
  if (value === undefined || value === '') return undefined;
  if (value === 'off') return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`SWITCHYARD_GATEWAY_STREAM_URL must be an http(s) URL such as http://gateway:8000, not "${value}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`SWITCHYARD_GATEWAY_STREAM_URL must be an http(s) URL, not "${value}"`);
  return url.origin + url.pathname.replace(/\/+$/, '');
}
