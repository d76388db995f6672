/** A page for a failure that has no better place to be shown (unknown task, Temporal down, a bug). */
import { html } from 'hono/html';
import { page, type PageFrame } from './layout.js';

/** Render an error page with the message and a way back to the queue. */
export function errorPage(frame: PageFrame, message: string) {
  return page(frame, html`<div class="notice error" role="alert">${message}</div><p><a href="/tasks">← Pending reviews</a></p>`);
}
