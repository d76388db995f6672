/**
 * The confidence activity: asks a model to judge an answer (its own, or another model's) as
 * structured JSON, on whichever queue holds the judging backend.
 */
import { ApplicationFailure } from '@temporalio/common';
import type { BackendRegistry } from '../backends/backend-registry.js';
import { parseSelfAssessment, selfAssessmentJsonSchema, selfAssessmentMessages, verifierMessages, type ConfidenceMethod } from '../backends/confidence.js';
import { toApplicationFailure } from './activity-failure.js';
import { activitySignal } from './activity-signal.js';

/** ApplicationFailure type when the model's judgement is not valid JSON with a confidence in 0..1. */
export const invalidConfidenceFailureType = 'InvalidConfidence';

/** What the workflow asks: which backend and model judge, how, and the exchange to judge. */
export interface ConfidenceRequest {
  backend: string;
  /** The provider's model name. */
  model: string;
  /** 'self-assessment': the answering model rates itself; 'verifier': another model judges. */
  method: Extract<ConfidenceMethod, 'self-assessment' | 'verifier'>;
  question: string;
  answer: string;
}

/** The judgement as recorded in history. */
export interface ConfidenceAssessment {
  /** Probability from 0 to 1 that the answer is correct and complete. */
  confidence: number;
  method: ConfidenceMethod;
  rationale: string;
}

/** Dependencies of the confidence activities. */
export interface ConfidenceDependencies {
  backends: BackendRegistry;
}

/** Build the confidence activities around injected backends. */
export function createConfidenceActivities(dependencies: ConfidenceDependencies) {
  return {
    /** Ask the named backend to rate the answer; a judgement that does not parse fails retryably. */
    async assessConfidence(request: ConfidenceRequest): Promise<ConfidenceAssessment> {
      let text: string;
      try {
        const backend = dependencies.backends.get(request.backend);
        const result = await backend.chat({
          model: request.model,
          messages: request.method === 'verifier' ? verifierMessages(request.question, request.answer) : selfAssessmentMessages(request.question, request.answer),
          responseFormat: { name: 'confidence_assessment', schema: selfAssessmentJsonSchema() },
          signal: activitySignal(),
        });
        text = result.text;
      } catch (error) {
        throw toApplicationFailure(error);
      }
      const parsed = parseSelfAssessment(text);
      if ('error' in parsed) {
        throw ApplicationFailure.create({
          type: invalidConfidenceFailureType,
          message: `${request.method} by ${request.backend}/${request.model} gave no valid confidence (${parsed.error}); the model said: ${JSON.stringify(text.slice(0, 200))}`,
          // Sampling differs per attempt, so the model may well answer validly on retry.
          nonRetryable: false,
          details: [{ backend: request.backend, model: request.model, method: request.method }],
        });
      }
      return { confidence: parsed.confidence, method: request.method, rationale: parsed.rationale };
    },
  };
}

/** The confidence activities' type, for `proxyActivities` in workflow code. */
export type ConfidenceActivities = ReturnType<typeof createConfidenceActivities>;

