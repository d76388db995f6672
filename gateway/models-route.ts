/** `GET /v1/models`: `auto` plus the policy's model aliases the key may name, and the local embedders. */
import type { Hono } from 'hono';
import { allowsModel } from './api-keys.js';
import { AUTO_MODEL, type GatewayDependencies, type GatewayEnv } from './gateway-context.js';
import { GatewayError } from './gateway-error.js';

/** Adds the models routes. */
export function addModelsRoutes(app: Hono<GatewayEnv>, deps: GatewayDependencies): void {
  const list = (allowed: (model: string) => boolean) => [
    ...[AUTO_MODEL, ...Object.keys(deps.policy.models)].filter(allowed).map((id) => ({
      id,
      object: 'model' as const,
      created: 0,
      owned_by: id === AUTO_MODEL ? 'switchyard' : `switchyard-${deps.policy.backends[deps.policy.models[id]!.backend]?.kind ?? 'local'}`,
    })),
    ...[...deps.embedders.keys()].map((id) => ({ id, object: 'model' as const, created: 0, owned_by: 'switchyard-local-embedder' })),
  ];
  app.get('/v1/models', (c) => {
    const key = c.get('key');
    return c.json({ object: 'list', data: list((model) => allowsModel(key, model)) });
  });
  app.get('/v1/models/:model{.+}', (c) => {
    const key = c.get('key');
    const model = list((name) => allowsModel(key, name)).find((entry) => entry.id === c.req.param('model'));
    if (!model) throw new GatewayError(404, 'not_found_error', `The model \`${c.req.param('model')}\` does not exist or you do not have access to it.`, 'model_not_found', 'model');
    return c.json(model);
  });
}
