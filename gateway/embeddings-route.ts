/**
 * `POST /v1/embeddings`, served only by local embedders (knowledge/ embedders whose location is
 * local): text sent here never leaves the premises. Floats or base64 (little-endian float32, what
 * the `openai` client asks for by default).
 */
import type { Hono } from 'hono';
import { z } from 'zod';
import { paramOf } from './chat-request.js';
import type { GatewayDependencies, GatewayEnv } from './gateway-context.js';
import { GatewayError, invalidRequest } from './gateway-error.js';
import { readJsonBody } from './request-body.js';

const embeddingsRequestSchema = z.strictObject({
  model: z.string().min(1),
  input: z.union([z.string().min(1), z.array(z.string().min(1)).min(1).max(2048)]),
  encoding_format: z.enum(['float', 'base64']).optional(),
  dimensions: z.number().int().positive().optional(),
  user: z.string().optional(),
});

function base64Of(vector: number[]): string {
  return Buffer.from(new Float32Array(vector).buffer).toString('base64');
}

/** Adds the embeddings route. */
export function addEmbeddingsRoute(app: Hono<GatewayEnv>, deps: GatewayDependencies): void {
  app.post('/v1/embeddings', async (c) => {
    const key = c.get('key');
    const body = await readJsonBody(c);
    const parsed = embeddingsRequestSchema.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      if (issue.code === 'unrecognized_keys') throw invalidRequest(`Unrecognized request argument supplied: ${issue.keys.join(', ')}`, issue.keys[0] ?? null, 'unknown_parameter');
      const param = paramOf(issue.path);
      throw invalidRequest(`Invalid value for ${param || 'body'}: ${issue.message}`, param || null);
    }
    const request = parsed.data;
    const embedder = deps.embedders.get(request.model);
    if (!embedder) throw new GatewayError(404, 'not_found_error', `The embedding model \`${request.model}\` does not exist here; local embedders: ${[...deps.embedders.keys()].join(', ')}.`, 'model_not_found', 'model');
    if (request.dimensions !== undefined && embedder.dimensions !== undefined && request.dimensions !== embedder.dimensions) {
      throw invalidRequest(`${request.model} gives ${embedder.dimensions} dimensions; it cannot give ${request.dimensions}.`, 'dimensions');
    }
    const texts = typeof request.input === 'string' ? [request.input] : request.input;
    const tokens = texts.reduce((sum, text) => sum + (text.match(/\S+/g)?.length ?? 0), 0);
    const reservation = deps.ledger.admit(key, { tokens, costUsd: 0 });
    if (reservation instanceof GatewayError) throw reservation;
    let vectors: number[][];
    try {
      vectors = await embedder.embed(texts);
    } catch (error) {
      deps.ledger.settle(reservation, { tokens: 0, costUsd: 0 });
      throw new GatewayError(503, 'service_unavailable', `The local embedder ${request.model} failed: ${(error as Error).message}`, 'embedder_unavailable', null, 5);
    }
    deps.ledger.settle(reservation, { tokens, costUsd: 0 });
    const base64 = request.encoding_format === 'base64';
    return c.json({
      object: 'list',
      model: request.model,
      data: vectors.map((vector, index) => ({ object: 'embedding', index, embedding: base64 ? base64Of(vector) : vector })),
      usage: { prompt_tokens: tokens, total_tokens: tokens },
    });
  });
}
