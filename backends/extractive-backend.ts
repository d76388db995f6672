/**
 * A local, offline ChatBackend that answers from the retrieved passages in its messages (put there
 * with `formatContextMessage`): it selects and cites the best sentences and reports a confidence
 * from retrieval and overlap scores, so weak matches escalate. No network, no model; it registers
 * like any other backend and runs on a local queue.
 */
import { answerFromPassages } from '../knowledge/extractive-answer.js';
import { parseContextMessage, type ContextPassage } from '../knowledge/context-message.js';
import type { ChatBackend, ChatRequest, ChatResult } from './backend.js';
import { BackendError } from './backend-error.js';

export { formatContextMessage } from '../knowledge/context-message.js';

/** Options of the extractive backend. */
export interface ExtractiveBackendOptions {
  id: string;
}

/** Creates the extractive backend; `request.model` is echoed back as the model that answered. */
export function createExtractiveBackend(options: ExtractiveBackendOptions): ChatBackend {
  return {
    id: options.id,
    protocol: 'extractive',
    async chat(request: ChatRequest): Promise<ChatResult> {
      if (request.signal?.aborted) throw new BackendError({ type: 'Cancelled', backendId: options.id, detail: 'the request was cancelled by the caller' });
      const question = [...request.messages].reverse().find((message) => message.role === 'user')?.content;
      if (question === undefined) throw new BackendError({ type: 'BadRequest', backendId: options.id, detail: 'no user message to answer' });
      const passages: ContextPassage[] = request.messages
        .filter((message) => message.role === 'system')
        .flatMap((message) => parseContextMessage(message.content) ?? []);
      const answer = answerFromPassages(question, passages);
      const inputText = request.messages.map((message) => message.content).join('\n');
      return {
        text: answer.text,
        model: request.model,
        // Word counts stand in for tokens: there is no tokenizer, and the cost is zero anyway.
        usage: { inputTokens: countWords(inputText), outputTokens: countWords(answer.text) },
        finishReason: 'stop',
        confidence: answer.confidence,
      };
    },
  };
}

function countWords(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}
