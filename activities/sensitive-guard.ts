/**
 * The cloud worker's re-check, the third enforcement of the never-broken rule: every prompt that
 * reaches a cloud queue is classified again here, and anything sensitive — or anything the
 * classifier could not vouch for — is refused with a non-retryable failure before it leaves.
 */
import { ApplicationFailure } from '@temporalio/common';
import type { Classifier } from '../classification/classifier.js';
import { verdictOf } from '../routing/data-classes.js';
import type { Policy } from '../routing/policy-schema.js';
import { FailureTypes } from './activity-failure.js';
import type { InferenceGuard } from './inference-activities.js';

/** A guard that refuses any request whose messages classify as sensitive under the policy. */
export function createSensitiveGuard(classifier: Classifier, policy: Policy): InferenceGuard {
  return async (request) => {
    for (const [index, message] of request.messages.entries()) {
      const output = await classifier.classify(message.content);
      const verdict = verdictOf(policy, output);
      if (verdict.sensitive) {
        throw ApplicationFailure.create({
          type: FailureTypes.sensitiveDataRefused,
          message: `Cloud worker refused request for backend "${request.backend}": message ${index} (${message.role}) is ${verdict.dataClass}: ${verdict.reasons.join('; ')}`,
          nonRetryable: true,
          details: [{ dataClass: verdict.dataClass, entityTypes: [...new Set(output.entities.map((entity) => entity.type))] }],
        });
      }
    }
  };
}
