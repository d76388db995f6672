/**
 * The side channel's wire (decision 0017): an inference attempt POSTs batches of these to the
 * gateway's delta endpoint, with the slot's one-time token as a bearer token. Only deltas travel
 * here; the final answer is recorded in workflow history as always.
 */
import { z } from 'zod';

/** Where an inference attempt may send its deltas: the gateway's slot URL and its one-time token. */
export interface StreamTarget {
  url: string;
  token: string;
}

/** What the workflow adds to a target for each attempt, so the gateway can name the route in its headers. */
export interface AttemptStreamTarget extends StreamTarget {
  dataClass?: string;
  /** The policy's model alias. */
  model?: string;
  backendKind?: 'local' | 'cloud';
}

const attemptFacts = z.strictObject({
  model: z.string().max(200).optional(),
  backendKind: z.enum(['local', 'cloud']).optional(),
  dataClass: z.string().max(200).optional(),
  backend: z.string().max(200),
  providerModel: z.string().max(400),
  taskQueue: z.string().max(400),
});

/** Where one attempt ran, as its first message says. */
export type AttemptFacts = z.output<typeof attemptFacts>;

const attemptId = z.string().min(1).max(200);

const streamMessage = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('attempt-start'), attempt: attemptId, facts: attemptFacts }),
  z.strictObject({ type: z.literal('delta'), attempt: attemptId, seq: z.number().int().min(0), text: z.string().max(1_000_000) }),
  z.strictObject({ type: z.literal('attempt-end'), attempt: attemptId, outcome: z.enum(['answered', 'failed']), error: z.string().max(4000).optional() }),
]);

/** One message on the channel. `attempt` is `<activity id>.<attempt number>`: unique within a workflow run. */
export type StreamMessage = z.output<typeof streamMessage>;

/** The body of one POST: the messages of one batch, in order. */
export const streamBatchSchema = z.strictObject({ messages: z.array(streamMessage).min(1).max(1000) });

/** One POST's body. */
export type StreamBatch = z.output<typeof streamBatchSchema>;
