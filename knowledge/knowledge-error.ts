/** Knowledge-layer failures as one small error type, with a `type` activities map to ApplicationFailure types. */

/** What went wrong; none of these succeeds if simply tried again, except `Locked`. */
export type KnowledgeErrorType =
  | 'MissingPath'
  | 'EmptyInput'
  | 'CorruptIndex'
  | 'UnknownCollection'
  | 'EmbedderMismatch'
  | 'SensitiveToCloud'
  | 'InvalidEmbedding'
  | 'InvalidOption'
  | 'Locked';

/** A knowledge-layer failure; `isRetryable` is derived from `type`. */
export class KnowledgeError extends Error {
  override readonly name: string = 'KnowledgeError';
  readonly type: KnowledgeErrorType;
  readonly isRetryable: boolean;

  constructor(type: KnowledgeErrorType, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.type = type;
    // Another ingest holding the lock finishes on its own; everything else needs a change first.
    this.isRetryable = type === 'Locked';
  }
}
