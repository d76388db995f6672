/**
 * Turns errors thrown inside activities into ApplicationFailures with a `type` and `nonRetryable`
 * taken from the error itself, so Temporal retries exactly what is transient and nothing else.
 */
import { ApplicationFailure } from '@temporalio/common';
import { BackendError } from '../backends/backend-error.js';

/** Error types shared between activities and the workflow that catches them. */
export const FailureTypes = {
  sensitiveDataRefused: 'SensitiveDataRefused',
  invalidRequest: 'InvalidRequest',
} as const;

/** Wrap any error as an ApplicationFailure; BackendErrors keep their type and retryability. */
export function toApplicationFailure(error: unknown): ApplicationFailure {
  if (error instanceof ApplicationFailure) return error;
  if (error instanceof BackendError) {
    return ApplicationFailure.create({
      type: error.type,
      message: error.message,
      nonRetryable: !error.isRetryable,
      // Honour the server's retry-after so Temporal's next attempt does not come too early.
      nextRetryDelay: error.retryAfterMs,
      details: [{ backendId: error.backendId, status: error.status ?? null }],
      cause: error,
    });
  }
  const asError = error instanceof Error ? error : new Error(String(error));
  // Typed errors of this project (KnowledgeError, PolicyError, ...) carry `type` and `isRetryable`.
  const { isRetryable: retryable, type } = asError as { isRetryable?: unknown; type?: unknown };
  return ApplicationFailure.create({
    type: typeof type === 'string' ? type : asError.name,
    message: asError.message,
    // Unknown errors stay retryable (Temporal's default) unless the error says otherwise.
    nonRetryable: retryable === false,
    cause: asError,
  });
}
