/**
 * The inference activity, registered under the same name on every local and cloud queue: routing
 * chooses the queue, the queue's worker holds the backend. When the request carries a stream target
 * on an allow-listed sink (SWITCHYARD_STREAM_SINKS), the answer's pieces go to that sink as they are
 * generated (decision 0017); the result, and so history, holds only the whole answer.
 */
import type { BackendRegistry } from '../backends/backend-registry.js';
import { confidenceFromLogprobs } from '../backends/confidence.js';
import type { ChatMessage, ChatRequest, ChatResult, TokenLogprob, TokenUsage } from '../backends/backend.js';
import { DeltaPublisher } from '../stream/delta-publisher.js';
import type { AttemptStreamTarget } from '../stream/stream-messages.js';
import { allowsSink, type StreamSinks } from '../stream/stream-sinks.js';
import { toApplicationFailure } from './activity-failure.js';
import { activitySignal, currentContext, heartbeatWhile } from './activity-signal.js';

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
  /** Also return the tokens with their log-probabilities (the caller asked for them, e.g. OpenAI `logprobs`). */
  returnLogprobs?: boolean;
  /** With `returnLogprobs`: the likeliest tokens at each position too, up to this many (OpenAI `top_logprobs`). */
  topLogprobs?: number;
  /** Structured output: JSON matching `schema`, or any JSON object without one. */
  responseFormat?: ChatRequest['responseFormat'];
  /** Send the answer's pieces here as they are generated, if the sink is allow-listed on this worker. */
  stream?: AttemptStreamTarget;
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
  /** Only when `returnLogprobs` was set and the backend named its tokens. */
  tokenLogprobs?: TokenLogprob[];
}

/** Checks a request before it is sent; throws an ApplicationFailure to refuse it. */
export type InferenceGuard = (request: InferenceRequest) => Promise<void>;

/** Dependencies of the inference activities. */
export interface InferenceDependencies {
  backends: BackendRegistry;
  /** The cloud worker's re-check runs here, before any byte leaves. */
  guard?: InferenceGuard;
  /** Origins deltas may be sent to (default none: no streaming, the answer comes from the result). */
  streamSinks?: StreamSinks;
}

/** A publisher for this attempt, or undefined when there is no target or its sink is not allow-listed. */
function publisherFor(request: InferenceRequest, sinks: StreamSinks | undefined, backendId: string): DeltaPublisher | undefined {
  const { stream } = request;
  if (!stream) return undefined;
  const context = currentContext();
  if (!sinks || !allowsSink(sinks, stream.url)) {
    // Not an error: the gateway answers from the result. The URL is the request's; say where it pointed, once.
    context?.log.warn('stream sink not allow-listed (SWITCHYARD_STREAM_SINKS); answering without streaming', { sink: safeOrigin(stream.url) });
    return undefined;
  }
  const info = context?.info;
  return new DeltaPublisher(
    stream,
    info ? `${info.activityId}.${info.attempt}` : 'local.1',
    {
      ...(stream.model ? { model: stream.model } : {}),
      ...(stream.backendKind ? { backendKind: stream.backendKind } : {}),
      ...(stream.dataClass ? { dataClass: stream.dataClass } : {}),
      backend: backendId,
      providerModel: request.model,
      taskQueue: info?.taskQueue ?? '',
    },
    {
      // Streaming backends heartbeat as tokens arrive (the SDK throttles what reaches the server).
      onBatch: () => context?.heartbeat(),
      onProblem: (message) => context?.log.warn('stream channel failed; the gateway answers from the result', { problem: message }),
    },
  );
}

function safeOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '(not a URL)';
  }
}

/** Build the inference activities around injected backends. */
export function createInferenceActivities(dependencies: InferenceDependencies) {
  return {
    /** Run one chat completion on the named backend. */
    async infer(request: InferenceRequest): Promise<InferenceResult> {
      let publisher: DeltaPublisher | undefined;
      try {
        await dependencies.guard?.(request);
        const backend = dependencies.backends.get(request.backend);
        publisher = publisherFor(request, dependencies.streamSinks, backend.id);
        const started = performance.now();
        const chatRequest: ChatRequest = {
          model: request.model,
          messages: request.messages,
          maxOutputTokens: request.maxOutputTokens,
          temperature: request.temperature,
          logprobs: request.logprobs || request.returnLogprobs,
          ...(request.returnLogprobs && request.topLogprobs ? { topLogprobs: request.topLogprobs } : {}),
          ...(request.responseFormat ? { responseFormat: request.responseFormat } : {}),
          signal: activitySignal(),
          ...(publisher ? { onDelta: (text: string) => publisher!.push(text) } : {}),
        };
        // Heartbeats on a timer while waiting (a killed worker is retried after the heartbeat timeout,
        // not the start-to-close one); a streaming backend also heartbeats with every delta batch.
        const result: ChatResult = await heartbeatWhile(() => backend.chat(chatRequest));
        await publisher?.end('answered');
        const ms = Math.round(performance.now() - started);
        const { logprobs, tokenLogprobs, ...answer } = result;
        // Token log-probabilities stay here unless asked for: the history records the confidence, not every token.
        const fromLogprobs = request.logprobs && logprobs ? confidenceFromLogprobs(logprobs) : undefined;
        const confidence = answer.confidence ?? fromLogprobs;
        const confidenceMethod = answer.confidence !== undefined ? 'backend' : fromLogprobs !== undefined ? 'logprobs' : undefined;
        return {
          ...answer,
          backend: backend.id,
          ms,
          ...(confidence !== undefined ? { confidence, confidenceMethod } : {}),
          ...(request.returnLogprobs && tokenLogprobs ? { tokenLogprobs } : {}),
        };
      } catch (error) {
        const failure = toApplicationFailure(error);
        await publisher?.end('failed', failure.message);
        throw failure;
      }
    },
  };
}

/** The inference activities' type, for `proxyActivities` in workflow code. */
export type InferenceActivities = ReturnType<typeof createInferenceActivities>;
