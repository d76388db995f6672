/**
 * Switchyard's custom search attributes, defined once: workflows upsert them, the dev-server
 * launcher registers them, docker-compose's setup job mirrors the list. Pure: workflow-safe.
 */
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/** Every custom search attribute, by role. Operators filter runs in the Temporal UI with these. */
export const searchAttributes = {
  /** The highest data class over the run's steps. */
  dataClass: defineSearchAttributeKey('SwitchyardDataClass', SearchAttributeType.KEYWORD),
  sensitive: defineSearchAttributeKey('SwitchyardSensitive', SearchAttributeType.BOOL),
  // Bool, not Keyword: SQL visibility allows only 10 Keyword attributes per namespace. True only
  // when some attempt was dispatched to a cloud backend (what happened, not what was planned).
  cloud: defineSearchAttributeKey('SwitchyardCloud', SearchAttributeType.BOOL),
  // KeywordList: a run of several routed steps holds every value, and `SwitchyardModels = 'x'`
  // matches a run where any step used x. SQL visibility allows only 3 KeywordList attributes per
  // namespace (the dev server refuses a 4th), so these three are the lists (decision 0010).
  /** Every model alias a step of the run was routed to or tried. */
  models: defineSearchAttributeKey('SwitchyardModels', SearchAttributeType.KEYWORD_LIST),
  /** Every inference task queue an attempt was sent to. */
  taskQueues: defineSearchAttributeKey('SwitchyardTaskQueues', SearchAttributeType.KEYWORD_LIST),
  /** Every policy rule that routed a step. */
  rules: defineSearchAttributeKey('SwitchyardRules', SearchAttributeType.KEYWORD_LIST),
  policyVersion: defineSearchAttributeKey('SwitchyardPolicyVersion', SearchAttributeType.KEYWORD),
  department: defineSearchAttributeKey('SwitchyardDepartment', SearchAttributeType.KEYWORD),
  application: defineSearchAttributeKey('SwitchyardApplication', SearchAttributeType.KEYWORD),
  costUsd: defineSearchAttributeKey('SwitchyardCostUsd', SearchAttributeType.DOUBLE),
  status: defineSearchAttributeKey('SwitchyardStatus', SearchAttributeType.KEYWORD),
  /** `none`, `model` (climbed to a stronger model), `human` (went to review), `fallback`. */
  escalation: defineSearchAttributeKey('SwitchyardEscalation', SearchAttributeType.KEYWORD),
  /** none | pending | approved | edited | rejected | expired: the review queue is a visibility query. */
  reviewState: defineSearchAttributeKey('SwitchyardReviewState', SearchAttributeType.KEYWORD),
} as const;

/** Server-side type names (as `temporal operator search-attribute create --type` spells them). */
const SERVER_TYPE_NAMES: Record<string, string> = {
  [SearchAttributeType.KEYWORD]: 'Keyword',
  [SearchAttributeType.BOOL]: 'Bool',
  [SearchAttributeType.DOUBLE]: 'Double',
  [SearchAttributeType.INT]: 'Int',
  [SearchAttributeType.TEXT]: 'Text',
  [SearchAttributeType.DATETIME]: 'Datetime',
  [SearchAttributeType.KEYWORD_LIST]: 'KeywordList',
};

/** `NAME=Type` pairs for `temporal server start-dev --search-attribute`. */
export function searchAttributeRegistrations(): string[] {
  return Object.values(searchAttributes).map((key) => `${key.name}=${SERVER_TYPE_NAMES[key.type]}`);
}
