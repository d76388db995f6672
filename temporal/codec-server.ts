/**
 * The codec server for the Temporal Web UI and CLI: `POST …/encode` and `POST …/decode` with
 * Payloads as protobuf JSON (base64 bytes), as Temporal's remote-codec protocol defines them. Only
 * an operator with the token decodes: `Authorization: Bearer <token>` (CLI, UIs with sign-in) or the
 * cookie that `/authorize` sets after the operator pastes the token (the dev server's UI, with
 * "include cross-origin credentials" on). CORS answers the UI's origin only. Given the policy
 * records' server, a run's policy reference decodes to the policy it names (decision 0012).
 */
import type { Payload, PayloadCodec } from '@temporalio/common';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { getCookie, setCookie } from 'hono/cookie';
import { constantTimeEqual, hashToken } from '../review/password-hash.js';
import { withPolicyRecords } from './data-converter.js';
import { decodeWith, encodeWith, type PolicyRecordsTarget } from './policy-records.js';

/** The cookie that carries the operator's token to the codec server. */
export const CODEC_COOKIE = 'switchyard_codec_token';

/** What the codec server needs. */
export interface CodecServerOptions {
  codec: PayloadCodec;
  /** Where policy records live: with it, a run's policy reference decodes to the policy it names (0012). */
  policyRecords?: PolicyRecordsTarget;
  /** Operators' tokens; a request needs one of them. */
  tokens: readonly string[];
  /** The Web UI's origin (e.g. http://localhost:8233); the only one CORS lets in. */
  uiOrigin: string;
  /** Largest request body (default 8 MiB: a history page of payloads). */
  maxBodyBytes?: number;
}

/** A payload in protobuf JSON form. */
interface JsonPayload {
  metadata?: Record<string, string>;
  data?: string;
}

/** Build the hono app of the codec server. */
export function createCodecServer(options: CodecServerOptions): Hono {
  if (options.tokens.length === 0 || options.tokens.some((token) => token.length < 24)) throw new Error('the codec server needs at least one operator token of 24+ characters');
  // Only the tokens' SHA-256 stays in memory; each check compares in constant time.
  const tokenHashes = options.tokens.map(hashToken);
  const isOperatorToken = (token: string) => {
    const presented = hashToken(token);
    return tokenHashes.some((stored) => constantTimeEqual(presented, stored));
  };
  const authorized = (context: Context) => {
    const bearer = /^Bearer\s+(\S+)$/i.exec(context.req.header('authorization') ?? '')?.[1];
    const presented = bearer ?? getCookie(context, CODEC_COOKIE);
    return presented ? isOperatorToken(presented) : false;
  };
  const codecs = options.policyRecords ? withPolicyRecords({ payloadCodecs: [options.codec] }, options.policyRecords).payloadCodecs! : [options.codec];
  const app = new Hono();
  app.use(bodyLimit({ maxSize: options.maxBodyBytes ?? 8 * 1024 * 1024, onError: (context) => context.json({ error: 'request body too large' }, 413) }));
  app.use(async (context, next) => {
    const origin = context.req.header('origin');
    const allowed = origin === options.uiOrigin;
    if (context.req.method === 'OPTIONS') {
      if (!allowed) return context.body(null, 403);
      return context.body(null, 204, corsHeaders(origin));
    }
    await next();
    if (allowed) for (const [name, value] of Object.entries(corsHeaders(origin))) context.header(name, value);
    context.header('Cache-Control', 'no-store');
  });

  // Liveness for orchestrators (compose healthcheck): says nothing about keys or tokens.
  app.get('/healthz', (context) => context.json({ status: 'ok' }));
  app.get('/authorize', (context) => context.html(authorizePage(authorized(context))));
  app.post('/authorize', async (context) => {
    const token = (await context.req.parseBody())['token'];
    if (typeof token !== 'string' || !isOperatorToken(token)) return context.html(authorizePage(false, 'That token is not valid.'), 401);
    // HttpOnly and SameSite=Strict: the UI on the same host (another port) may send it, other sites never.
    setCookie(context, CODEC_COOKIE, token, { httpOnly: true, sameSite: 'Strict', path: '/', maxAge: 8 * 3600 });
    return context.html(authorizePage(true));
  });
  app.post('*', async (context) => {
    // The protocol: only the last path segment says encode or decode (endpoints may be mounted anywhere).
    const operation = context.req.path.split('/').pop();
    if (operation !== 'encode' && operation !== 'decode') return context.json({ error: `no route ${context.req.path}` }, 404);
    if (!authorized(context)) {
      context.header('WWW-Authenticate', 'Bearer realm="switchyard-codec"');
      return context.json({ error: 'an operator token is required to encode or decode payloads' }, 401);
    }
    let body: { payloads?: JsonPayload[] };
    try {
      body = await context.req.json<{ payloads?: JsonPayload[] }>();
    } catch {
      return context.json({ error: 'expected JSON { "payloads": [...] }' }, 400);
    }
    if (!Array.isArray(body.payloads)) return context.json({ error: 'expected JSON { "payloads": [...] }' }, 400);
    const payloads = body.payloads.map(fromJson);
    try {
      const result = operation === 'encode' ? await encodeWith(codecs, payloads) : await decodeWith(codecs, payloads);
      return context.json({ payloads: result.map(toJson) });
    } catch (error) {
      return context.json({ error: (error as Error).message }, 400);
    }
  });
  return app;
}

function corsHeaders(origin: string): Record<string, string> {
  return {
    'Access-Control-Allow-Origin': origin,
    'Access-Control-Allow-Credentials': 'true',
    'Access-Control-Allow-Methods': 'POST, OPTIONS',
    'Access-Control-Allow-Headers': 'Content-Type, X-Namespace, Authorization',
    'Access-Control-Max-Age': '600',
    Vary: 'Origin',
  };
}

function fromJson(payload: JsonPayload): Payload {
  return {
    metadata: Object.fromEntries(Object.entries(payload.metadata ?? {}).map(([key, value]) => [key, Buffer.from(value, 'base64')])),
    data: Buffer.from(payload.data ?? '', 'base64'),
  };
}

function toJson(payload: Payload): JsonPayload {
  return {
    metadata: Object.fromEntries(Object.entries(payload.metadata ?? {}).map(([key, value]) => [key, Buffer.from(value ?? new Uint8Array()).toString('base64')])),
    data: Buffer.from(payload.data ?? new Uint8Array()).toString('base64'),
  };
}

function authorizePage(signedIn: boolean, problem?: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Switchyard codec server</title></head><body>
<h1>Switchyard codec server</h1>
<p>${signedIn ? 'This browser may decode payloads. In the Temporal UI, open the codec settings and turn on “include cross-origin credentials”.' : 'Paste your operator token to let this browser decode payloads in the Temporal UI.'}</p>
${problem ? `<p role="alert">${problem}</p>` : ''}
<form method="post" action="/authorize"><label>Operator token <input name="token" type="password" autocomplete="off" required></label> <button type="submit">Authorize</button></form>
</body></html>`;
}
