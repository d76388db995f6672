/** The Temporal server cannot be reached: one message, for workers, the CLI and the review app alike. */
export class TemporalUnreachableError extends Error {
  override readonly name = 'TemporalUnreachableError';
  readonly isRetryable = true;

  constructor(address: string, cause: unknown) {
    super(
      `Cannot reach the Temporal server at ${address}: ${cause instanceof Error ? cause.message : String(cause)}. ` +
        'Start one with `npm run server` (or `npm run demo`), or point TEMPORAL_ADDRESS at yours.',
      { cause },
    );
  }
}
