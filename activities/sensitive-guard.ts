/**
 * The cloud worker's re-check, the third enforcement of the never-broken rule: every prompt that
 * reaches a cloud queue is classified again here, and anything sensitive — or anything the
 * classifier could not vouch for — is refused with a non-retryable failure before it leaves.
 */
import { ApplicationFailure } from '@temporalio/common';
import type { Classifier } from '../classification/classifier.js';
import { joinParts } from '../classification/joined-text.js';
import { verdictOf } from '../routing/data-classes.js';
import type { Policy } from '../routing/policy-schema.js';
import { FailureTypes } from './activity-failure.js';
import type { InferenceGuard } from './inference-activities.js';

/**
 * A guard that refuses any request whose messages classify as sensitive under the policy: each
 * message alone, then all of them joined exactly as they are about to be sent, so a value split
 * across messages is refused too.
 */
export function createSensitiveGuard(classifier: Classifier, policy: Policy): InferenceGuard {
  return async (request) => {
    const checks = request.messages.map((message, index) => ({ what: `message ${index} (${message.role})`, content: message.content }));
    if (checks.length > 1) checks.push({ what: 'the messages joined', content: joinParts(checks.map((check) => check.content)).text });
    for (const check of checks) {
      const output = await classifier.classify(check.content);
      const verdict = verdictOf(policy, output);
      if (verdict.sensitive) {
        throw ApplicationFailure.create({
          type: FailureTypes.sensitiveDataRefused,
          message: `Cloud worker refused request for backend "${request.backend}": ${check.what} is ${verdict.dataClass}: ${verdict.reasons.join('; ')}`,
          nonRetryable: true,
          details: [{ dataClass: verdict.dataClass, entityTypes: [...new Set(output.entities.map((entity) => entity.type))] }],
        });
      }
    }
  };
}
