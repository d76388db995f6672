/**
 * Ticket triage: summarise the ticket, then draft a reply from the summary. Each step is a
 * routedStep(): classified on its own input, routed by the policy, escalated and audited, with its
 * record in this run's history and the run's search attributes holding the union over both steps.
 */
import { executeChild, proxyActivities, workflowInfo } from '@temporalio/workflow';
import { routedStep, routedTask, type RoutedStepResult, type RoutedTaskResult } from 'switchyard/workflow';
import type { TicketActivities } from '../activities.js';

/** A support ticket as the help desk hands it over. */
export interface Ticket {
  id: string;
  subject: string;
  body: string;
}

/** What triage produced: both steps with their audit facts. */
export interface Triage {
  ticketId: string;
  summary: RoutedStepResult;
  draft: RoutedStepResult;
}

const { fileTriage } = proxyActivities<TicketActivities>({ startToCloseTimeout: '10 seconds' });

/** Two routed steps in one run: one history, one place to audit the ticket. */
export async function triageTicket(ticket: Ticket): Promise<Triage> {
  const metadata = { application: 'ticket-triage' };
  const summary = await routedStep({
    name: 'summarise',
    prompt: `Summarise this support ticket in two sentences.\n\nSubject: ${ticket.subject}\n\n${ticket.body}`,
    metadata: { ...metadata, taskType: 'summarize' },
  });
  // The ticket and its summary are the draft's context: their classes count toward its route.
  const draft = await routedStep({
    name: 'draft-reply',
    prompt: 'Draft a short, friendly reply to the customer.',
    context: [`Ticket: ${ticket.subject}\n\n${ticket.body}`, ...(summary.answer ? [`Summary: ${summary.answer}`] : [])],
    metadata: { ...metadata, taskType: 'draft-reply' },
  });
  await fileTriage({ ticketId: ticket.id, summary: summary.answer, draft: draft.answer, status: draft.status });
  return { ticketId: ticket.id, summary, draft };
}

/**
 * The same triage with each step as a child routedTask: separate runs, each with its own history,
 * search attributes and review. Choose this when steps are reviewed, retried or kept apart.
 */
export async function triageTicketAsChildren(ticket: Ticket): Promise<{ summary: RoutedTaskResult; draft: RoutedTaskResult }> {
  const parent = workflowInfo().workflowId;
  const summary = await executeChild(routedTask, {
    workflowId: `${parent}-summarise`,
    args: [{ prompt: `Summarise this support ticket in two sentences.\n\nSubject: ${ticket.subject}\n\n${ticket.body}`, metadata: { application: 'ticket-triage', taskType: 'summarize' } }],
  });
  const draft = await executeChild(routedTask, {
    workflowId: `${parent}-draft-reply`,
    args: [{ prompt: 'Draft a short, friendly reply to the customer.', system: summary.answer ?? undefined, metadata: { application: 'ticket-triage', taskType: 'draft-reply' } }],
  });
  return { summary, draft };
}

export { routedTask };
