/** The PolicyError a policy text is rejected with; fails the test if it parses or throws anything else. */
import { expect } from 'vitest';
import { PolicyError } from '../../routing/policy-error.js';
import { parsePolicy } from '../../routing/policy-loader.js';

/** Parse `text` as "policy.yaml" and return the PolicyError it must be rejected with. */
export function problemsOf(text: string): PolicyError {
  try {
    parsePolicy(text, 'policy.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(PolicyError);
    return error as PolicyError;
  }
  throw new Error('expected the policy to be rejected');
}
