/** The sign-in page. */
import { html } from 'hono/html';
import { page } from './layout.js';

/** What the sign-in form shows. */
export interface LoginView {
  nonce: string | undefined;
  csrfToken: string;
  next: string;
  /** The failure to show; it never says which of id or password was wrong. */
  error?: string;
  reviewerId?: string;
}

/** Render the sign-in page. */
export function loginPage(view: LoginView) {
  return page(
    { title: 'Sign in', nonce: view.nonce },
    html`<section class="login">
      <h1>Sign in to review</h1>
      ${view.error ? html`<div class="notice error" role="alert">${view.error}</div>` : ''}
      <form method="post" action="/login">
        <input type="hidden" name="_csrf" value="${view.csrfToken}" />
        <input type="hidden" name="next" value="${view.next}" />
        <p><label for="reviewer">Reviewer id</label><input type="text" id="reviewer" name="reviewer" autocomplete="username" required value="${view.reviewerId ?? ''}" /></p>
        <p><label for="password">Password</label><input type="password" id="password" name="password" autocomplete="current-password" required /></p>
        <button type="submit">Sign in</button>
      </form>
    </section>`,
  );
}
