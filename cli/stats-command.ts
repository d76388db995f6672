/** `switchyard stats`: escalation and human-override rates per task type, from Temporal visibility. */
import Table from 'cli-table3';
import { readEnvironment } from '../workers/worker-environment.js';
import { aggregateEscalationStats, readRunFacts, UNREADABLE_TASK_TYPE } from './escalation-stats.js';
import { connectClient } from './temporal-client.js';

const percent = (value: number | null) => (value === null ? '—' : `${(value * 100).toFixed(1)}%`);

/** Print the table (or JSON); returns the exit code. */
export async function statsCommand(options: { sinceHours: number; json?: boolean }): Promise<number> {
  const settings = readEnvironment();
  const { client, close } = await connectClient(settings);
  try {
    const since = new Date(Date.now() - options.sinceHours * 3_600_000);
    const facts = await readRunFacts(client, since);
    const unreadable = facts.filter((run) => run.unreadable !== undefined);
    if (unreadable.length > 0) {
      console.error(`${unreadable.length} run(s) counted under "${UNREADABLE_TASK_TYPE}": their memo cannot be decrypted here (${unreadable[0]!.unreadable}; e.g. ${unreadable[0]!.workflowId}). Add the key to SWITCHYARD_PAYLOAD_KEY_FILE to see their task types.`);
    }
    const stats = aggregateEscalationStats(facts);
    if (options.json) {
      console.log(JSON.stringify(stats, null, 2));
      return 0;
    }
    if (stats.length === 0) {
      console.log(`No routed runs in the last ${options.sinceHours} h.`);
      return 0;
    }
    const table = new Table({ head: ['task type', 'runs', 'escalated', '→ model', '→ fallback', '→ human', 'escalation rate', 'human override rate'] });
    for (const row of stats) table.push([row.taskType, row.runs, row.escalated, row.toModel, row.toFallback, row.toHuman, percent(row.escalationRate), percent(row.humanOverrideRate)]);
    console.log(`Routed runs since ${since.toISOString()}:\n${table.toString()}`);
    return 0;
  } finally {
    await close();
  }
}
