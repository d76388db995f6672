/**
 * Sends one inference attempt's deltas to the gateway's slot: the first piece at once, then batched
 * (every `flushMs` or `maxTokens` pieces) so a long answer is tens of POSTs, not one per token. One POST in flight at
 * a time keeps the order; what accumulates meanwhile goes in the next. The channel is best effort:
 * once a POST fails, the publisher stops and the gateway answers from the workflow result.
 */
import type { AttemptFacts, StreamMessage, StreamTarget } from './stream-messages.js';

/** Tuning and hooks of a publisher. */
export interface DeltaPublisherOptions {
  /** Longest a piece waits before it is sent. Default 50 ms. */
  flushMs?: number;
  /** Pieces (tokens) per batch at most. Default 16. */
  maxTokens?: number;
  /** Per-POST timeout: a slow gateway must not hold the attempt up. Default 2 s. */
  postTimeoutMs?: number;
  /** Called once per delta batch (the activity heartbeats here). */
  onBatch?: () => void;
  /** Called once, when the channel fails and the publisher stops. */
  onProblem?: (message: string) => void;
}

/** Publishes one attempt: `push()` each piece, then `end()` exactly once. */
export class DeltaPublisher {
  private pending = '';
  private pendingPieces = 0;
  private seq = 0;
  private timer: NodeJS.Timeout | undefined;
  private startSent = false;
  private queue: StreamMessage[] = [];
  private inFlight: Promise<void> | undefined;
  private problem: string | undefined;
  private readonly flushMs: number;
  private readonly maxTokens: number;
  private readonly postTimeoutMs: number;

  constructor(
    private readonly target: StreamTarget,
    private readonly attempt: string,
    private readonly facts: AttemptFacts,
    private readonly options: DeltaPublisherOptions = {},
  ) {
    this.flushMs = options.flushMs ?? 50;
    this.maxTokens = options.maxTokens ?? 16;
    this.postTimeoutMs = options.postTimeoutMs ?? 2_000;
  }

  /** Why the channel stopped, if it did. */
  get failure(): string | undefined {
    return this.problem;
  }

  /** One piece of answer text, in order. */
  push(text: string): void {
    if (this.problem || text === '') return;
    this.pending += text;
    this.pendingPieces += 1;
    // The first piece goes at once: time to first token is what a reader waits on; batching is for the rest.
    if (this.seq === 0 || this.pendingPieces >= this.maxTokens) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), this.flushMs);
  }

  /** Sends what is pending and the attempt's end; resolves when sent (or the channel failed), never rejects. */
  async end(outcome: 'answered' | 'failed', error?: string): Promise<void> {
    this.flush();
    this.send([{ type: 'attempt-end', attempt: this.attempt, outcome, ...(error === undefined ? {} : { error: error.slice(0, 4000) }) }]);
    await this.inFlight;
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending === '') return;
    const text = this.pending;
    this.pending = '';
    this.pendingPieces = 0;
    this.send([{ type: 'delta', attempt: this.attempt, seq: this.seq++, text }]);
    this.options.onBatch?.();
  }

  private send(messages: StreamMessage[]): void {
    if (this.problem) return;
    // The attempt announces itself with its first batch: an attempt that fails before its first token costs one POST.
    if (!this.startSent) {
      this.startSent = true;
      this.queue.push({ type: 'attempt-start', attempt: this.attempt, facts: this.facts });
    }
    this.queue.push(...messages);
    this.inFlight ??= this.drain();
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0 && !this.problem) {
      const messages = this.queue.splice(0);
      await this.post(messages);
    }
    this.queue = [];
    this.inFlight = undefined;
  }

  private async post(messages: StreamMessage[]): Promise<void> {
    try {
      const response = await fetch(this.target.url, {
        method: 'POST',
        headers: { authorization: `Bearer ${this.target.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ messages }),
        signal: AbortSignal.timeout(this.postTimeoutMs),
        redirect: 'error',
      });
      // The body says why when it failed; read it either way so the connection can be reused.
      const body = await response.text();
      if (!response.ok) this.stop(`the stream sink answered HTTP ${response.status}: ${body.slice(0, 200)}`);
    } catch (error) {
      this.stop(`the stream sink could not be reached: ${(error as Error).message}`);
    }
  }

  private stop(message: string): void {
    this.problem = message;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.options.onProblem?.(message);
  }
}
