/**
 * The inference activity, registered under the same name on every local and cloud queue: routing
 * chooses the queue, the queue's worker holds the backend.
 */
import type { BackendRegistry } from '../backends/backend-registry.js';
import { confidenceFromLogprobs } from '../backends/confidence.js';
import type { ChatMessage, TokenUsage } from '../backends/backend.js';
import { toApplicationFailure } from './activity-failure.js';
import { activitySignal, heartbeatWhile } from './activity-signal.js';

/** What the workflow asks an inference worker to do. */
export interface InferenceRequest {
  backend: string;
  /** The provider's model name. */
  model: string;
  messages: ChatMessage[];
  maxOutputTokens?: number;
  temperature?: number;
  /** Ask the backend for token log-probabilities, turned into a confidence here. */
  logprobs?: boolean;
}

/** The answer as recorded in history. */
export interface InferenceResult {
  text: string;
  model: string;
  backend: string;
  usage: TokenUsage;
  finishReason: string;
  ms: number;
  /** Set when the backend reported a confidence or returned log-probabilities. */
  confidence?: number;
  confidenceMethod?: 'backend' | 'logprobs';
}

/** Checks a request before it is sent; throws an ApplicationFailure to refuse it. */
export type InferenceGuard = (request: InferenceRequest) => Promise<void>;

/** Dependencies of the inference activities. */
export interface InferenceDependencies {
  backends: BackendRegistry;
  /** The cloud worker's re-check runs here, before any byte leaves. */
  guard?: InferenceGuard;
}

/** Build the inference activities around injected backends. */
export function createInferenceActivities(dependencies: InferenceDependencies) {
  return {
    /** Run one chat completion on the named backend. */
    async infer(request: InferenceRequest): Promise<InferenceResult> {
      try {
        await dependencies.guard?.(request);
        const backend = dependencies.backends.get(request.backend);
        const started = performance.now();
        // Heartbeats while waiting: a killed worker is retried after the heartbeat timeout, not the start-to-close one.
        const { logprobs, ...result } = await heartbeatWhile(() =>
          backend.chat({
            model: request.model,
            messages: request.messages,
            maxOutputTokens: request.maxOutputTokens,
            temperature: request.temperature,
            logprobs: request.logprobs,
            signal: activitySignal(),
          }),
        );
        const ms = Math.round(performance.now() - started);
        // Token log-probabilities stay here: the history records the confidence, not every token.
        const fromLogprobs = logprobs ? confidenceFromLogprobs(logprobs) : undefined;
        const confidence = result.confidence ?? fromLogprobs;
        const confidenceMethod = result.confidence !== undefined ? 'backend' : fromLogprobs !== undefined ? 'logprobs' : undefined;
        return { ...result, backend: backend.id, ms, ...(confidence !== undefined ? { confidence, confidenceMethod } : {}) };
      } catch (error) {
        throw toApplicationFailure(error);
      }
    },
  };
}

/** The inference activities' type, for `proxyActivities` in workflow code. */
export type InferenceActivities = ReturnType<typeof createInferenceActivities>;

