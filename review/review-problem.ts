/**
 * The review app's expected failures, each with the HTTP status it maps to: pages show the message,
 * the API returns `{ error: { code, message, field?, ... } }`. Anything else is a bug and a 500.
 */

/** HTTP statuses the app answers expected failures with. */
export type ProblemStatus = 400 | 401 | 403 | 404 | 409 | 422 | 503;

/** A failure the reviewer (or API client) can act on. */
export class ReviewProblem extends Error {
  override readonly name = 'ReviewProblem';
  constructor(
    readonly status: ProblemStatus,
    /** Stable, machine-readable: `invalid-input`, `not-found`, `already-decided`, `unknown-reviewer`, ... */
    readonly code: string,
    message: string,
    /** Extra facts for API clients (the field at fault, who decided first, ...). */
    readonly details: Record<string, string> = {},
  ) {
    super(message);
  }

  /** The API's JSON error body. */
  toJSON(): { error: Record<string, string> } {
    return { error: { code: this.code, message: this.message, ...this.details } };
  }
}
