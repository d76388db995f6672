/** Escalation and override rates per task type. */
import { describe, expect, it } from 'vitest';
import { aggregateEscalationStats, type RunFacts } from '../../cli/escalation-stats.js';

const run = (taskType: string, escalation: string, reviewState = 'none'): RunFacts => ({ workflowId: `${taskType}-${Math.random()}`, taskType, escalation, reviewState });

describe('escalation statistics', () => {
  it('computes escalation and human-override rates per task type', () => {
    const stats = aggregateEscalationStats([
      run('code', 'none'),
      run('code', 'model'),
      run('code', 'human', 'edited'),
      run('code', 'human', 'approved'),
      run('general', 'fallback'),
      run('general', 'human', 'pending'),
    ]);
    expect(stats).toEqual([
      { taskType: 'code', runs: 4, escalated: 3, toModel: 1, toFallback: 0, toHuman: 2, overridden: 1, escalationRate: 0.75, humanOverrideRate: 0.5 },
      { taskType: 'general', runs: 2, escalated: 2, toModel: 0, toFallback: 1, toHuman: 1, overridden: 0, escalationRate: 1, humanOverrideRate: null },
    ]);
  });

  it('gives no rows for no runs', () => {
    expect(aggregateEscalationStats([])).toEqual([]);
  });
});
