/**
 * The delta endpoint inference workers POST to (decision 0017): `POST /switchyard/stream/{workflowId}`
 * with the slot's one-time token as a bearer token and a batch of stream messages. Not under `/v1`:
 * no API key; the slot token is the only credential, and it opens nothing but its own slot.
 */
import type { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { streamBatchSchema } from '../stream/stream-messages.js';
import { paramOf } from './chat-request.js';
import type { GatewayEnv } from './gateway-context.js';
import { GatewayError, invalidRequest } from './gateway-error.js';
import { readJsonBody } from './request-body.js';
import { STREAM_SLOT_PATH, type StreamSlots } from './stream-slots.js';

/** Largest batch body: 16 tokens every 50 ms stays far below this. */
const maxBatchBytes = 256 * 1024;

/** Adds the delta endpoint. */
export function addStreamRoute(app: Hono<GatewayEnv>, slots: StreamSlots): void {
  app.post(
    `${STREAM_SLOT_PATH}/:workflowId`,
    bodyLimit({
      maxSize: maxBatchBytes,
      onError: () => {
        throw new GatewayError(413, 'invalid_request_error', `A stream batch is at most ${maxBatchBytes} bytes.`, 'request_too_large');
      },
    }),
    async (c) => {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '');
      if (!match) throw new GatewayError(401, 'authentication_error', 'A stream batch needs the slot token as `Authorization: Bearer <token>`.', 'missing_stream_token');
      const parsed = streamBatchSchema.safeParse(await readJsonBody(c));
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        throw invalidRequest(`Invalid stream batch at ${paramOf(issue.path) || 'body'}: ${issue.message}`, paramOf(issue.path) || null, 'invalid_stream_batch');
      }
      const refusal = slots.deliver(c.req.param('workflowId'), match[1]!, parsed.data.messages);
      if (refusal === 'unknown-slot') throw new GatewayError(404, 'not_found_error', 'No open stream slot for this workflow (finished, expired or never opened).', 'stream_slot_not_found');
      if (refusal === 'bad-token') throw new GatewayError(403, 'permission_error', 'The stream token does not match this slot.', 'stream_token_invalid');
      return c.body(null, 204);
    },
  );
}
