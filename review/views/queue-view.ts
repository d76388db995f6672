/** The pending queue page: oldest task first, with what a reviewer triages by. */
import { html } from 'hono/html';
import type { Reviewer } from '../reviewers-config.js';
import type { TaskSummary } from '../review-tasks.js';
import { formatDuration, formatTime } from './format.js';
import { page } from './layout.js';

/** What the queue page shows. */
export interface QueueView {
  nonce: string | undefined;
  reviewer: Reviewer;
  csrfToken: string | undefined;
  tasks: TaskSummary[];
  now: number;
}

/** A data-class badge, marked when the class is sensitive. */
export function dataClassBadge(dataClass: string | null, sensitive: boolean | null) {
  return html`<span class="badge${sensitive ? ' sensitive' : ''}">${dataClass ?? 'unknown'}${sensitive ? ' · sensitive' : ''}</span>`;
}

/** Render the queue. */
export function queuePage(view: QueueView) {
  const rows = view.tasks.map(
    (task) => html`<tr data-workflow-id="${task.workflowId}">
      <td><strong>${formatDuration(view.now - Date.parse(task.waitingSince))}</strong><div class="muted">since ${formatTime(task.waitingSince)}</div></td>
      <td><a href="/tasks/${encodeURIComponent(task.workflowId)}">${task.workflowId}</a><div class="muted">${task.workflowType}</div></td>
      <td>${dataClassBadge(task.dataClass, task.sensitive)}</td>
      <td>${task.escalation ?? '—'}</td>
      <td>${task.escalationReason ?? html`<span class="muted">${task.detailsError ?? '—'}</span>`}</td>
    </tr>`,
  );
  return page(
    { title: 'Pending reviews', nonce: view.nonce, reviewer: view.reviewer, csrfToken: view.csrfToken },
    html`<h1>Pending reviews <span class="muted">(${view.tasks.length}, oldest first)</span></h1>
      ${view.tasks.length === 0
        ? html`<section><p>No tasks are waiting for review.</p></section>`
        : html`<table>
            <thead><tr><th>Waiting</th><th>Task</th><th>Data class</th><th>Escalation</th><th>Reason</th></tr></thead>
            <tbody>${rows}</tbody>
          </table>`}`,
  );
}
