/**
 * The gateway's Hono app: OpenAI-compatible routes behind API-key auth and a body limit, with every
 * refusal in OpenAI's error shape. Bad input is always a 4xx; a 500 means a bug in the gateway.
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { addChatRoute } from './chat-route.js';
import { addEmbeddingsRoute } from './embeddings-route.js';
import { defaultGatewayLimits, type GatewayDependencies, type GatewayEnv } from './gateway-context.js';
import { GatewayError } from './gateway-error.js';
import { addModelsRoutes } from './models-route.js';
import { addStreamRoute } from './stream-route.js';
import { addTasksRoute } from './tasks-route.js';

/** Builds the app; `serve({ fetch: app.fetch })` runs it. */
export function createGatewayApp(deps: GatewayDependencies): Hono<GatewayEnv> {
  const limits = { ...defaultGatewayLimits, ...deps.limits };
  const app = new Hono<GatewayEnv>();

  app.onError((error, c) => {
    if (error instanceof GatewayError) {
      const headers: Record<string, string> = error.retryAfterSeconds !== undefined ? { 'retry-after': String(error.retryAfterSeconds) } : {};
      // A 413 leaves the rest of the body unread on the socket: close it, or the client's pool reuses
      // a dead connection and its next request fails as a "Connection error" instead of an answer.
      if (error.status === 413) headers.connection = 'close';
      return c.json(error.toBody(), error.status, headers);
    }
    console.error('gateway: unexpected error', error);
    return c.json(new GatewayError(500, 'server_error', 'The gateway failed on this request; the error is in its log.', 'internal_error').toBody(), 500);
  });
  app.notFound((c) => c.json(new GatewayError(404, 'not_found_error', `Unknown request URL: ${c.req.method} ${c.req.path}.`, 'unknown_url').toBody(), 404));

  // Liveness for orchestrators: the process answers (Temporal's reachability shows per request as 503).
  app.get('/healthz', (c) => c.json({ status: 'ok' }));

  app.use(
    '/v1/*',
    bodyLimit({
      maxSize: limits.maxBodyBytes,
      onError: () => {
        throw new GatewayError(413, 'invalid_request_error', `The request body is larger than ${limits.maxBodyBytes} bytes.`, 'request_too_large');
      },
    }),
  );
  app.use('/v1/*', async (c, next) => {
    const header = c.req.header('authorization');
    if (!header) throw new GatewayError(401, 'authentication_error', "You didn't provide an API key. Send it as `Authorization: Bearer <key>`.", 'missing_api_key');
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    const key = match ? await deps.keys.verify(match[1]!) : undefined;
    if (!key) throw new GatewayError(401, 'authentication_error', 'Incorrect API key provided.', 'invalid_api_key');
    c.set('key', key);
    await next();
  });
  addChatRoute(app, deps);
  addModelsRoutes(app, deps);
  addEmbeddingsRoute(app, deps);
  addTasksRoute(app, deps);
  if (deps.streams) addStreamRoute(app, deps.streams);
  return app;
}
