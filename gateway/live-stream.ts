/**
 * `stream: true` answered live (decision 0017): the committed attempt's pieces as OpenAI chunks while
 * the task runs, then the end checked against the workflow result, which is the truth. The result
 * extends what was streamed: the rest, finish and usage chunks. It does not (a later attempt answered,
 * a review, a failure) or the streaming attempt failed: an error chunk naming the workflow, never a
 * second answer spliced onto the first.
 */
import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import { deltaChunk, taskHeaders, usageChunk, type ChunkBase } from './chat-completion.js';
import type { TaskOutcome } from './routed-task-client.js';
import type { StreamSlot } from './stream-slots.js';

/** What a live stream needs from the request. */
export interface LiveStream {
  slot: StreamSlot;
  /** The task's outcome; rejects with a GatewayError when the task failed. */
  outcome: Promise<TaskOutcome>;
  workflowId: string;
  runUrl: string;
  /** The completion id every chunk carries. */
  id: string;
  includeUsage: boolean;
}

/** OpenAI's in-stream error: the `openai` client throws an APIError with this message. */
function errorChunk(message: string, code: string): object {
  return { error: { message, type: 'server_error', code, param: null } };
}

/** Why the final answer cannot be told as an end to what was streamed. */
function divergence(outcome: TaskOutcome, streamed: string, workflowId: string, streamedModel: string | undefined): string | undefined {
  const later = `the task's answer will be at GET /v1/switchyard/tasks/${workflowId}`;
  if (outcome.kind === 'pending') return `Workflow ${workflowId} went to human review after streaming began; ${later}.`;
  const { answer, status, escalation } = outcome.result;
  if (answer === null) return `Workflow ${workflowId} ended ${status} after streaming began, with no answer.`;
  if (!answer.startsWith(streamed)) return `Workflow ${workflowId} answered with a different attempt than the one streamed (status ${status}, escalation ${escalation}); the streamed text is not its answer; ${later}.`;
  // A later model whose answer happens to begin with the streamed text would still be another
  // model's answer under the first one's headers: the answer must be one the streamed model gave.
  const answeredBy = outcome.result.attempts.filter((attempt) => attempt.outcome === 'answered' && attempt.answer === answer).map((attempt) => attempt.model);
  if (streamedModel !== undefined && !answeredBy.includes(streamedModel)) {
    return `Workflow ${workflowId} answered with ${answeredBy.join(', ') || 'another attempt'}, not the streamed ${streamedModel} (escalation ${escalation}); ${later}.`;
  }
  return undefined;
}

/** Answers with SSE from the first delta on. The slot closes when the stream ends. */
export function streamLive(c: Context, live: LiveStream): Response {
  const { slot, outcome, workflowId } = live;
  const facts = slot.relay.facts;
  const headers: Record<string, string> = {
    ...taskHeaders(workflowId, live.runUrl),
    'x-switchyard-status': 'streaming',
    ...(facts?.dataClass ? { 'x-switchyard-data-class': facts.dataClass } : {}),
    ...(facts ? { 'x-switchyard-route': `${facts.backendKind ?? 'unknown'} ${facts.taskQueue}` } : {}),
    ...(facts?.model ? { 'x-switchyard-model': facts.model } : {}),
  };
  for (const [name, value] of Object.entries(headers)) c.header(name, value);
  // Settles when the outcome does, either way: the relay's reads stop waiting then.
  const finished = outcome.then(
    () => undefined,
    () => undefined,
  );
  return streamSSE(c, async (stream) => {
    const base: ChunkBase = { id: live.id, created: Math.floor(Date.now() / 1000), model: facts?.model ?? 'auto' };
    const write = (chunk: object) => stream.writeSSE({ data: JSON.stringify(chunk) });
    try {
      await write(deltaChunk(base, { role: 'assistant', content: '' }, null, live.includeUsage));
      for (let event = await slot.relay.next(finished); event; event = await slot.relay.next(finished)) {
        if (event.kind === 'text') {
          await write(deltaChunk(base, { content: event.text }, null, live.includeUsage));
          continue;
        }
        await write(errorChunk(`The model streaming workflow ${workflowId}'s answer failed after its first token (${event.message}); the workflow goes on (fallback or retry), its answer will be at GET /v1/switchyard/tasks/${workflowId}.`, 'stream_interrupted'));
        return;
      }
      let settled: TaskOutcome;
      try {
        settled = await outcome;
      } catch (error) {
        await write(errorChunk(`Workflow ${workflowId} failed after streaming began: ${(error as Error).message}`, 'task_failed'));
        return;
      }
      const streamed = slot.relay.forwarded;
      const problem = divergence(settled, streamed, workflowId, facts?.model);
      if (problem || settled.kind !== 'done') {
        await write(errorChunk(problem ?? `Workflow ${workflowId} has no answer.`, 'stream_diverged'));
        return;
      }
      const { result } = settled;
      // Pieces the channel lost (a gap, a late batch): the result has them.
      const rest = result.answer!.slice(streamed.length);
      if (rest !== '') await write(deltaChunk(base, { content: rest }, null, live.includeUsage));
      await write(deltaChunk(base, {}, 'stop', live.includeUsage));
      if (live.includeUsage) {
        const prompt = result.usage?.inputTokens ?? 0;
        const completion = result.usage?.outputTokens ?? 0;
        await write(usageChunk(base, { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion }));
      }
      await stream.writeSSE({ data: '[DONE]' });
    } finally {
      slot.close();
    }
  });
}
