/**
 * What the gateway does with one request's deltas (decision 0017): the first attempt that delivers
 * a delta is committed and forwarded; another attempt's deltas are never spliced in. Fallback or
 * escalation before the first delta is invisible; the committed attempt failing ends the stream;
 * a gap in its sequence stops forwarding (the final answer fills in from the workflow result).
 */
import type { AttemptFacts, StreamMessage } from '../stream/stream-messages.js';

/** What the SSE writer is told, in order. */
export type RelayEvent = { kind: 'text'; text: string } | { kind: 'attempt-failed'; message: string };

/** One request's relay: fed by the delta endpoint, read by the SSE writer. */
export class StreamRelay {
  /** The committed attempt's facts (where it ran), once a delta arrived. */
  facts: AttemptFacts | undefined;
  /** Text forwarded so far. */
  forwarded = '';
  /** Why forwarding stopped before the end, if it did. */
  stopped: 'attempt-failed' | 'other-attempt' | 'gap' | undefined;
  private committed: string | undefined;
  private nextSeq = 0;
  private readonly starts = new Map<string, AttemptFacts>();
  private readonly events: RelayEvent[] = [];
  private wake: (() => void) | undefined;
  private resolveFirst!: () => void;
  /** Resolves when the first delta is forwarded. */
  readonly firstDelta = new Promise<void>((resolve) => (this.resolveFirst = resolve));

  /** Takes the messages of one batch, in order. */
  accept(messages: readonly StreamMessage[]): void {
    for (const message of messages) this.acceptOne(message);
  }

  /** The next event, or undefined when `until` settles first. */
  async next(until: Promise<unknown>): Promise<RelayEvent | undefined> {
    for (;;) {
      const event = this.events.shift();
      if (event) return event;
      const woken = new Promise<'event'>((resolve) => (this.wake = () => resolve('event')));
      if ((await Promise.race([woken, until.then(() => 'until' as const)])) === 'until' && this.events.length === 0) return undefined;
    }
  }

  private acceptOne(message: StreamMessage): void {
    if (message.type === 'attempt-start') {
      this.starts.set(message.attempt, message.facts);
      return;
    }
    if (this.stopped) return;
    if (message.type === 'delta') {
      if (this.committed === undefined) {
        // Commit only to an attempt whose first batch arrived: its text starts at the beginning.
        if (message.seq !== 0) return;
        this.committed = message.attempt;
        this.facts = this.starts.get(message.attempt);
      }
      if (message.attempt !== this.committed) return this.stop('other-attempt');
      if (message.seq !== this.nextSeq) return this.stop('gap');
      this.nextSeq += 1;
      this.forwarded += message.text;
      this.push({ kind: 'text', text: message.text });
      this.resolveFirst();
      return;
    }
    if (message.attempt === this.committed && message.outcome === 'failed') {
      this.stop('attempt-failed');
      this.push({ kind: 'attempt-failed', message: message.error ?? 'the attempt failed' });
    }
  }

  private stop(reason: NonNullable<StreamRelay['stopped']>): void {
    this.stopped = reason;
  }

  private push(event: RelayEvent): void {
    this.events.push(event);
    this.wake?.();
  }
}
