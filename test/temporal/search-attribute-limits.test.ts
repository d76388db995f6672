/**
 * Switchyard's search attributes must fit SQL visibility (the production PostgreSQL store and the
 * dev server's SQLite): a fixed number of attributes per type and namespace. The limits table is
 * checked against the server this run uses (`npm test`: dev server; `npm run test:production`:
 * PostgreSQL), by registering up to the limit on a scratch namespace and one more.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Connection } from '@temporalio/client';
import proto from '@temporalio/proto';
import Long from 'long';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { searchAttributeRegistrations } from '../../temporal/search-attributes.js';
import { SQL_VISIBILITY_LIMITS, searchAttributesOverLimits } from '../../temporal/production-server/sql-visibility-limits.js';

const { IndexedValueType } = proto.temporal.api.enums.v1;
const indexedType: Record<string, proto.temporal.api.enums.v1.IndexedValueType> = {
  Keyword: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  KeywordList: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST,
  Bool: IndexedValueType.INDEXED_VALUE_TYPE_BOOL,
  Double: IndexedValueType.INDEXED_VALUE_TYPE_DOUBLE,
  Int: IndexedValueType.INDEXED_VALUE_TYPE_INT,
  Datetime: IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
  Text: IndexedValueType.INDEXED_VALUE_TYPE_TEXT,
};

describe('search attributes fit SQL visibility', () => {
  it("the project's search attributes stay within every per-type limit", () => {
    expect(searchAttributesOverLimits(searchAttributeRegistrations())).toEqual([]);
  });

  it('an attribute over a limit is reported with its type and the limit', () => {
    const keywords = Array.from({ length: 11 }, (_, index) => `K${index}=Keyword`);
    expect(searchAttributesOverLimits([...keywords, 'B1=Bool', 'B2=Bool', 'B3=Bool', 'B4=Bool', 'D1=Double'])).toEqual([
      `Keyword: 11 search attributes (${keywords.map((pair) => pair.split('=')[0]).join(', ')}), but SQL visibility allows 10 per namespace`,
      'Bool: 4 search attributes (B1, B2, B3, B4), but SQL visibility allows 3 per namespace',
    ]);
  });
});

describe('the Temporal server of this run enforces those limits', () => {
  const namespace = `switchyard-sa-limits-${randomUUID().slice(0, 8)}`;
  let connection: Connection;

  beforeAll(async () => {
    connection = await Connection.connect({ address: inject('temporalAddress') });
    await connection.workflowService.registerNamespace({ namespace, workflowExecutionRetentionPeriod: { seconds: Long.fromNumber(86_400) } });
  });

  afterAll(async () => {
    // A scratch namespace: deleting it keeps the production server's database from collecting them.
    await connection?.operatorService.deleteNamespace({ namespace }).catch(() => undefined);
    await connection?.close();
  });

  /** Register attributes; a namespace is "not found" to the operator API until the namespace cache refreshes. */
  async function add(attributes: Record<string, proto.temporal.api.enums.v1.IndexedValueType>): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await connection.operatorService.addSearchAttributes({ namespace, searchAttributes: attributes });
        return;
      } catch (error) {
        if (!/not found/i.test((error as Error).message) || attempt >= 60) throw error;
        await sleep(500);
      }
    }
  }

  it('takes as many attributes of each type as the table says, and refuses one more', { timeout: 120_000 }, async () => {
    const refusals: Record<string, string> = {};
    for (const [type, limit] of Object.entries(SQL_VISIBILITY_LIMITS)) {
      const names = Array.from({ length: limit }, (_, index) => `Probe${type}${String(index + 1).padStart(2, '0')}`);
      await add(Object.fromEntries(names.map((name) => [name, indexedType[type]!])));
      refusals[type] = await add({ [`Probe${type}Extra`]: indexedType[type]! }).then(
        () => 'accepted',
        // Without the gRPC status prefix ("3 INVALID_ARGUMENT: "), whose code could pass for a limit.
        (error: Error) => error.message.replace(/^\d+ [A-Z_]+: /, ''),
      );
    }
    const registered = (await connection.operatorService.listSearchAttributes({ namespace })).customAttributes ?? {};
    for (const [type, limit] of Object.entries(SQL_VISIBILITY_LIMITS)) {
      const count = Object.values(registered).filter((value) => value === indexedType[type]).length;
      expect(count, `${type}: registered ${count}, table says ${limit}`).toBe(limit);
      expect(refusals[type], `${type}: the ${limit + 1}th attribute must be refused`).not.toBe('accepted');
      expect(refusals[type], `${type}: the refusal should name the limit and the type`).toMatch(new RegExp(`\\b${limit}\\b.*\\b${type}\\b`));
    }
  });
});
