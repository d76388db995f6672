/**
 * A step's input as classification parts and as the chat turns a backend receives, index for index:
 * system, step context, the conversation's earlier turns, then the prompt. Pure (workflow code).
 */
import type { PromptPart } from '../activities/control-activities.js';
import type { ChatMessage } from '../backends/backend.js';
import type { RoutedStepInput } from './routed-step-types.js';

/** The parts to classify (and redact) and the chat role each one is sent with. */
export interface ConversationParts {
  parts: PromptPart[];
  roles: Array<ChatMessage['role']>;
}

/** Every part of the step, each with its role: the whole conversation is classified, not only the prompt. */
export function conversationParts(input: RoutedStepInput): ConversationParts {
  const entries: Array<{ part: PromptPart; role: ChatMessage['role'] }> = [
    ...(input.system ? [{ part: { source: 'system' as const, text: input.system }, role: 'system' as const }] : []),
    ...(input.context ?? []).map((text) => ({ part: { source: 'context' as const, text }, role: 'system' as const })),
    // An assistant turn is context the user did not type; a user turn is the user's.
    ...(input.messages ?? []).map((turn) => ({ part: { source: turn.role === 'user' ? ('user' as const) : ('context' as const), text: turn.content }, role: turn.role })),
    { part: { source: 'user' as const, text: input.prompt }, role: 'user' as const },
  ];
  return { parts: entries.map((entry) => entry.part), roles: entries.map((entry) => entry.role) };
}

/** The chat messages for (possibly redacted) parts, with the roles `conversationParts` gave them. */
export function chatMessagesOf(parts: PromptPart[], roles: Array<ChatMessage['role']>): ChatMessage[] {
  return parts.map((part, index) => ({ role: roles[index] ?? (part.source === 'user' ? 'user' : 'system'), content: part.text }));
}
