/** One task: the request (system, earlier turns, prompt), retrieved context, every model attempt, and the decision forms. */
import { html } from 'hono/html';
import type { AttemptRecord, ReviewDetails } from '../../workflows/review-definitions.js';
import type { Reviewer } from '../reviewers-config.js';
import { formatConfidence, formatTime } from './format.js';
import { page } from './layout.js';
import { dataClassBadge } from './queue-view.js';
import { requestSection } from './request-view.js';

/** What the task page shows. */
export interface TaskPageView {
  nonce: string | undefined;
  reviewer: Reviewer;
  csrfToken: string | undefined;
  status: string;
  details: ReviewDetails;
  nameOf: (reviewerId: string) => string;
  /** A refusal to show above the forms (already decided, invalid input, ...). */
  error?: string;
}

/** The most confident attempt that produced an answer (approval sends it; the edit box starts from it). */
function bestAttempt(attempts: AttemptRecord[]): AttemptRecord | undefined {
  const answered = attempts.filter((attempt) => attempt.answer !== null);
  return answered.sort((a, b) => (b.confidence ?? -1) - (a.confidence ?? -1) || b.rung - a.rung)[0];
}

function attemptRow(attempt: AttemptRecord) {
  return html`<tr>
    <td>${attempt.rung}</td>
    <td>${attempt.model}<div class="muted">${attempt.backend} · ${attempt.backendKind} · ${attempt.taskQueue}</div></td>
    <td><strong>${formatConfidence(attempt.confidence)}</strong><div class="muted">${attempt.confidenceMethod ?? ''}</div></td>
    <td>${attempt.reason}${attempt.error ? html`<div class="notice error">${attempt.error}</div>` : ''}</td>
    <td>${attempt.answer === null ? html`<span class="muted">no answer</span>` : html`<pre>${attempt.answer}</pre>`}</td>
  </tr>`;
}

function decisionForms(view: TaskPageView) {
  const csrf = html`<input type="hidden" name="_csrf" value="${view.csrfToken ?? ''}" />`;
  const action = `/tasks/${encodeURIComponent(view.details.workflowId)}/decision`;
  const best = bestAttempt(view.details.attempts);
  const approves = best ? `The ${best.model} answer (${formatConfidence(best.confidence)}) goes out unchanged.` : 'No model produced an answer.';
  const comment = (id: string) => html`<label for="${id}">Comment</label><textarea id="${id}" name="comment" rows="2"></textarea>`;
  return html`<div class="decisions">
    <form method="post" action="${action}" class="card" aria-label="Approve">${csrf}<input type="hidden" name="action" value="approve" />
      <strong>Approve</strong><span class="muted">${approves}</span>${comment('approve-comment')}<button type="submit">Approve</button></form>
    <form method="post" action="${action}" class="card" aria-label="Edit">${csrf}<input type="hidden" name="action" value="edit" />
      <strong>Edit</strong><label for="edited-answer">Answer</label><textarea id="edited-answer" name="editedAnswer" rows="8" required>${best?.answer ?? ''}</textarea>
      ${comment('edit-comment')}<button type="submit">Submit edited answer</button></form>
    <form method="post" action="${action}" class="card" aria-label="Reject">${csrf}<input type="hidden" name="action" value="reject" />
      <strong>Reject</strong><span class="muted">The task finishes without an answer.</span>${comment('reject-comment')}<button type="submit" class="danger">Reject</button></form>
  </div>`;
}

/** Render the task page. */
export function taskPage(view: TaskPageView) {
  const { details } = view;
  const decision = details.decision;
  const metadata = Object.entries(details.metadata).filter(([, value]) => value !== undefined);
  return page(
    { title: details.workflowId, nonce: view.nonce, reviewer: view.reviewer, csrfToken: view.csrfToken },
    html`<p class="muted"><a href="/tasks">← Pending reviews</a></p>
      <h1>${details.workflowId}</h1>
      ${view.error ? html`<div class="notice error" role="alert">${view.error}</div>` : ''}
      ${decision
        ? html`<div class="notice ok" role="status" id="decision">
            Decision: <strong>${details.reviewState}</strong> by ${view.nameOf(decision.reviewer)} at ${formatTime(decision.decidedAt)} · workflow
            <strong id="workflow-status">${view.status.toLowerCase()}</strong>
            ${decision.comment ? html`<div>Comment: ${decision.comment}</div>` : ''}
          </div>`
        : ''}
      <section>
        <p>${dataClassBadge(details.dataClass, details.sensitive)} · review state <strong>${details.reviewState}</strong> · workflow ${view.status.toLowerCase()}</p>
        <p><strong>Why it is here:</strong> ${details.escalationReason ?? '—'}</p>
        <p class="muted">Waiting since ${formatTime(details.waitingSince)} · SLA deadline ${formatTime(details.slaDeadline)}</p>
        ${metadata.length ? html`<p class="muted">${metadata.map(([key, value]) => html`${key}: <strong>${value}</strong> `)}</p>` : ''}
      </section>
      <h2>Request</h2>
      ${requestSection(details)}
      <h2>Retrieved context (${details.context.length})</h2>
      ${details.context.length === 0
        ? html`<section class="muted">No context was retrieved.</section>`
        : details.context.map(
            (chunk) => html`<section><p class="muted">${chunk.source} · score ${chunk.score.toFixed(2)} · ${dataClassBadge(chunk.dataClass, null)}</p><pre>${chunk.text}</pre></section>`,
          )}
      <h2>Model attempts (${details.attempts.length})</h2>
      <table>
        <thead><tr><th>Rung</th><th>Model</th><th>Confidence</th><th>Why</th><th>Answer</th></tr></thead>
        <tbody>${details.attempts.map(attemptRow)}</tbody>
      </table>
      ${details.reviewState === 'pending' && view.status === 'RUNNING' ? html`<h2>Your decision</h2>${decisionForms(view)}` : ''}`,
  );
}
