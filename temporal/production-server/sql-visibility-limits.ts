/**
 * What Temporal's SQL visibility store (PostgreSQL, MySQL, SQLite: the production store and the dev
 * server's) can hold: custom search attributes live in pre-made columns, a fixed number per type and
 * namespace, and registering one more of a type is refused. Pure.
 */

/**
 * Columns per type in the server's visibility schema (schema/postgresql/v12/visibility/schema.sql:
 * Keyword01..Keyword10, Bool01..Bool03, ...); test/temporal/search-attribute-limits.test.ts checks
 * them against the running server.
 */
export const SQL_VISIBILITY_LIMITS: Readonly<Record<string, number>> = {
  Keyword: 10,
  KeywordList: 3,
  Bool: 3,
  Double: 3,
  Int: 3,
  Datetime: 3,
  Text: 3,
};

/**
 * One sentence per type whose attributes exceed the store's limit, naming the type, the limit and
 * the attributes; empty when everything fits. Input: `Name=Type` pairs as the dev server takes them.
 */
export function searchAttributesOverLimits(registrations: readonly string[], limits: Readonly<Record<string, number>> = SQL_VISIBILITY_LIMITS): string[] {
  const byType = new Map<string, string[]>();
  for (const pair of registrations) {
    const [name, type] = pair.split('=') as [string, string];
    byType.set(type, [...(byType.get(type) ?? []), name]);
  }
  const problems: string[] = [];
  for (const [type, names] of byType) {
    const limit = limits[type];
    if (limit === undefined) problems.push(`${type}: not a search attribute type SQL visibility knows (${names.join(', ')})`);
    else if (names.length > limit) problems.push(`${type}: ${names.length} search attributes (${names.join(', ')}), but SQL visibility allows ${limit} per namespace`);
  }
  return problems;
}
