/** The ApplicationFailure a promise rejects with; fails the test if it resolves or rejects with anything else. */
import { ApplicationFailure } from '@temporalio/common';
import { expect } from 'vitest';

/** Await a rejection and check it is an ApplicationFailure. */
export async function failureOf(promise: Promise<unknown>): Promise<ApplicationFailure> {
  const error = await promise.then(
    () => undefined,
    (rejection: unknown) => rejection,
  );
  expect(error).toBeInstanceOf(ApplicationFailure);
  return error as ApplicationFailure;
}
