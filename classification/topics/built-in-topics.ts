/**
 * The topics the shipped topic model marks (see default-topics.jsonl). Pure data, so the policy
 * checks can name them without loading the model. "general" is the neutral topic, never marked.
 */
export const BUILT_IN_TOPICS: readonly string[] = ['health', 'legal', 'finance', 'hr', 'security', 'general'];
