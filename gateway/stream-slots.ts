/**
 * The gateway's stream slots (decision 0017): one per streaming request, keyed by workflow id, with
 * a one-time random token whose hash only is kept. An inference worker POSTs deltas to the slot's
 * URL with the token; a wrong token, an unknown or an expired slot is refused.
 */
import { randomBytes } from 'node:crypto';
import { hashToken, verifyToken } from '../review/password-hash.js';
import type { StreamMessage, StreamTarget } from '../stream/stream-messages.js';
import { StreamRelay } from './stream-relay.js';

/** The path of the delta endpoint; the workflow id follows. */
export const STREAM_SLOT_PATH = '/switchyard/stream';

/** One open slot. */
export interface StreamSlot {
  readonly workflowId: string;
  readonly target: StreamTarget;
  readonly relay: StreamRelay;
  /** Closes the slot: later POSTs are refused. */
  close(): void;
}

/** Why a POST was refused. */
export type SlotRefusal = 'unknown-slot' | 'bad-token';

interface OpenSlot {
  tokenHash: string;
  relay: StreamRelay;
  timer: NodeJS.Timeout;
}

/** Every open slot of this gateway process. */
export class StreamSlots {
  private readonly slots = new Map<string, OpenSlot>();

  /**
   * @param baseUrl how inference workers reach this gateway (SWITCHYARD_GATEWAY_STREAM_URL); unset: no streaming.
   * @param ttlMs a slot's longest life, in case a request never closes it.
   */
  constructor(
    public baseUrl: string | undefined,
    private readonly ttlMs = 15 * 60_000,
  ) {}

  /** Opens a slot for a workflow about to start, or undefined when streaming is off. */
  open(workflowId: string): StreamSlot | undefined {
    if (!this.baseUrl) return undefined;
    const token = randomBytes(32).toString('base64url');
    const relay = new StreamRelay();
    const close = () => {
      const slot = this.slots.get(workflowId);
      if (slot?.relay !== relay) return;
      clearTimeout(slot.timer);
      this.slots.delete(workflowId);
    };
    const timer = setTimeout(close, this.ttlMs);
    timer.unref();
    this.slots.set(workflowId, { tokenHash: hashToken(token), relay, timer });
    const url = `${this.baseUrl.replace(/\/+$/, '')}${STREAM_SLOT_PATH}/${encodeURIComponent(workflowId)}`;
    return { workflowId, target: { url, token }, relay, close };
  }

  /** Hands a batch to its slot, after checking the token in constant time. */
  deliver(workflowId: string, token: string, messages: readonly StreamMessage[]): SlotRefusal | undefined {
    const slot = this.slots.get(workflowId);
    if (!slot) return 'unknown-slot';
    if (!verifyToken(token, slot.tokenHash)) return 'bad-token';
    slot.relay.accept(messages);
    return undefined;
  }

  /** The workflow ids of the open slots (for tests and health). */
  workflowIds(): string[] {
    return [...this.slots.keys()];
  }
}
