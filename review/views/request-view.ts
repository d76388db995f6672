/** The request on the task page: the system message, the step's context, the conversation's earlier turns, then the message being answered. */
import { html } from 'hono/html';
import type { ReviewDetails } from '../../workflows/review-definitions.js';

const ROLE_NAMES = { user: 'User', assistant: 'Assistant' } as const;

/** Every part of the request in the order the model read it, each with its role (hono's `html` escapes the text). */
export function requestSection(details: Pick<ReviewDetails, 'system' | 'stepContext' | 'messages' | 'prompt'>) {
  const turns = [...(details.messages ?? []), { role: 'user' as const, content: details.prompt }];
  const last = turns.length - 1;
  return html`<section id="request">
    ${details.system ? html`<div class="turn" data-role="system"><p class="muted">System</p><pre>${details.system}</pre></div>` : ''}
    ${(details.stepContext ?? []).map((text, index) => html`<div class="turn" data-role="context"><p class="muted">Step context ${index + 1} (passed by the workflow)</p><pre>${text}</pre></div>`)}
    ${turns.map(
      (turn, index) =>
        html`<div class="turn" data-role="${turn.role}"><p class="muted">${index + 1}. ${ROLE_NAMES[turn.role]}${index === last && last > 0 ? ' · the message being answered' : ''}</p><pre>${turn.content}</pre></div>`,
    )}
  </section>`;
}
