/**
 * A first, cheap guess at the task type when the caller does not state one. Deliberately simple
 * keyword cues (the topic classifier is separate work); pure, so it may run in workflow code.
 */

/** Task types the default guesser knows. Policies may use any string the caller sends. */
export const TASK_TYPES = ['code', 'summarize', 'translate', 'general'] as const;

const CUES: ReadonlyArray<[taskType: string, pattern: RegExp]> = [
  ['code', /```|\b(?:code|function|compile[rd]?|bug|stack ?trace|regex|sql|python|javascript|typescript|java|rust|golang|linked list|algorithm|refactor|unit test|api)\b/i],
  ['summarize', /\b(?:summari[sz]e|summary|tl;?dr|key points)\b/i],
  ['translate', /\b(?:translate|translation|in (?:french|german|spanish|english|italian|japanese|chinese))\b/i],
];

/** The task type a prompt most likely asks for: `code`, `summarize`, `translate` or `general`. */
export function guessTaskType(prompt: string): string {
  for (const [taskType, pattern] of CUES) if (pattern.test(prompt)) return taskType;
  return 'general';
}
