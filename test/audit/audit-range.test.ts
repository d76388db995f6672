/** The audit's time range and query: relative and ISO times, and the visibility query it builds. */
import { describe, expect, it } from 'vitest';
import { rangeQuery } from '../../audit/audit-runs.js';
import { queueKind, stringsIn } from '../../audit/read-history.js';
import { parseTime } from '../../cli/audit-command.js';

describe('audit range', () => {
  it('reads 24h, 90m and 7d back from now, and ISO times; refuses anything else with the accepted forms', () => {
    const now = Date.parse('2026-12-01T12:00:00Z');
    expect(parseTime('24h', now).toISOString()).toBe('2026-11-30T12:00:00.000Z');
    expect(parseTime('90m', now).toISOString()).toBe('2026-12-01T10:30:00.000Z');
    expect(parseTime('7d', now).toISOString()).toBe('2026-11-24T12:00:00.000Z');
    expect(parseTime('2026-11-01T00:00:00Z', now).toISOString()).toBe('2026-11-01T00:00:00.000Z');
    expect(() => parseTime('last month', now)).toThrow(/ISO time .* or 24h/);
  });

  it('ANDs the extra visibility query with the time range', () => {
    const range = { since: new Date('2026-11-01T00:00:00Z'), until: new Date('2026-12-01T00:00:00Z') };
    expect(rangeQuery(range)).toBe('StartTime >= "2026-11-01T00:00:00.000Z" AND StartTime <= "2026-12-01T00:00:00.000Z"');
    expect(rangeQuery({ ...range, query: 'SwitchyardCloud = true OR SwitchyardSensitive = true' })).toMatch(/ AND \(SwitchyardCloud = true OR SwitchyardSensitive = true\)$/);
  });

  it('tells cloud and local inference queues from control queues, and finds every string a dispatch carried', () => {
    expect([queueKind('switchyard-cloud-openai'), queueKind('switchyard-local-gpu'), queueKind('switchyard-control')]).toEqual(['cloud', 'local', null]);
    expect(stringsIn({ backend: 'b', messages: [{ role: 'user', content: 'hi' }], n: 3 })).toEqual(['b', 'user', 'hi']);
  });
});
