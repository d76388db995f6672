/** Errors raised while loading a routing policy. */

/** One located problem: where in which file, and what was expected. */
export interface PolicyIssue {
  /** JSON-pointer style path inside the document, e.g. `/rules/2/model`. */
  pointer: string;
  /** 1-based line and column in the file, when the YAML node could be found. */
  line?: number;
  column?: number;
  message: string;
}

/** A policy that cannot be used. Never retryable: the file must change. */
export class PolicyError extends Error {
  override readonly name = 'PolicyError';
  readonly isRetryable = false;

  constructor(
    readonly file: string,
    readonly issues: PolicyIssue[],
  ) {
    super(
      `Invalid routing policy ${file}:\n` +
        issues
          .map((issue) => `  ${file}${issue.line ? `:${issue.line}:${issue.column}` : ''} at ${issue.pointer || '/'}: ${issue.message}`)
          .join('\n'),
    );
  }
}
