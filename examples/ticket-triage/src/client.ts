/** Triage one ticket from the command line: `npm run triage -- "subject" "body"`. */
import { Client, Connection } from '@temporalio/client';
import { initialSearchAttributes, loadDataConverter } from 'switchyard/client';
import type { triageTicket } from './workflows/index.js';

const [subject = 'Printer jams', body = 'The printer on floor 2 jams every morning since Monday.'] = process.argv.slice(2);
const connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233' });
const client = new Client({ connection, dataConverter: loadDataConverter() });
const ticketId = `ticket-${Date.now()}`;
const triage = await client.workflow.execute<typeof triageTicket>('triageTicket', {
  taskQueue: 'ticket-triage',
  workflowId: ticketId,
  args: [{ id: ticketId, subject, body }],
  typedSearchAttributes: initialSearchAttributes({ application: 'ticket-triage' }),
});
for (const step of [triage.summary, triage.draft]) {
  console.log(`${step.step}: ${step.dataClass} → ${step.attempts.at(-1)?.backendKind ?? 'none'} ${step.answeredBy ?? ''} (${step.status})\n  ${step.answer ?? ''}`);
}
await connection.close();
