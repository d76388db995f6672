/** The page frame every review page shares: header, styles, the sign-out form. */
import { html, raw } from 'hono/html';
import type { Reviewer } from '../reviewers-config.js';

/** What a page needs besides its body. */
export interface PageFrame {
  title: string;
  /** The CSP nonce for inline style and script. */
  nonce: string | undefined;
  /** The signed-in reviewer and their session's CSRF token (absent on the sign-in page). */
  reviewer?: Reviewer;
  csrfToken?: string;
}

// Plain, readable, no external assets: the app must work on an air-gapped network.
const STYLES = `
  :root { color-scheme: light; --ink: #1d2330; --muted: #5b6475; --line: #d9dee7; --accent: #2454c5; --bad: #b3261e; --good: #1e7a3c; }
  * { box-sizing: border-box; }
  body { margin: 0; font: 15px/1.5 system-ui, sans-serif; color: var(--ink); background: #f5f7fa; }
  header { display: flex; align-items: center; gap: 1rem; padding: .6rem 1.5rem; background: #17223b; color: #fff; }
  header a { color: #fff; text-decoration: none; font-weight: 600; }
  header .who { margin-left: auto; font-size: .9rem; opacity: .9; }
  header form { margin: 0; }
  main { max-width: 72rem; margin: 1.5rem auto; padding: 0 1.5rem; }
  h1 { font-size: 1.4rem; margin: 0 0 1rem; } h2 { font-size: 1.1rem; margin: 1.5rem 0 .5rem; }
  section, .card { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 1rem 1.25rem; margin-bottom: 1rem; }
  table { width: 100%; border-collapse: collapse; background: #fff; }
  th, td { text-align: left; padding: .5rem .6rem; border-bottom: 1px solid var(--line); vertical-align: top; }
  th { font-size: .8rem; text-transform: uppercase; letter-spacing: .03em; color: var(--muted); }
  pre { white-space: pre-wrap; word-break: break-word; margin: 0; font: 13px/1.45 ui-monospace, monospace; background: #f3f5f9; padding: .5rem .7rem; border-radius: 6px; }
  .turn + .turn { margin-top: .75rem; } .turn p { margin: 0 0 .25rem; }
  .badge { display: inline-block; white-space: nowrap; padding: .05rem .5rem; border-radius: 999px; font-size: .8rem; background: #e6ebf5; }
  .badge.sensitive { background: #fde7e5; color: var(--bad); font-weight: 600; }
  .login { max-width: 26rem; margin: 3rem auto; }
  .muted { color: var(--muted); font-size: .9rem; }
  .notice { padding: .75rem 1rem; border-radius: 8px; margin-bottom: 1rem; border: 1px solid; }
  .notice.error { background: #fdecea; border-color: #f3b7b1; color: var(--bad); }
  .notice.ok { background: #e8f5ec; border-color: #a9d8b8; color: var(--good); }
  .decisions { display: grid; grid-template-columns: repeat(3, 1fr); gap: 1rem; }
  .decisions form { display: flex; flex-direction: column; gap: .5rem; margin: 0; }
  .decisions button { margin-top: auto; }
  label { font-size: .85rem; color: var(--muted); }
  input[type=text], input[type=password], textarea { width: 100%; font: inherit; padding: .45rem .55rem; border: 1px solid var(--line); border-radius: 6px; }
  textarea { min-height: 6rem; }
  button { font: inherit; padding: .45rem .9rem; border-radius: 6px; border: 1px solid var(--accent); background: var(--accent); color: #fff; cursor: pointer; }
  button.secondary { background: transparent; color: #fff; border-color: #8fa2cc; }
  button.danger { background: var(--bad); border-color: var(--bad); }
  button:disabled { opacity: .5; cursor: wait; }
`;

// One click, one submission: a second click (or Enter) while the first post is in flight is ignored.
const SCRIPT = `document.addEventListener('submit', (event) => { for (const button of event.target.querySelectorAll('button')) button.disabled = true; });`;

/** Render a full page. */
export function page(frame: PageFrame, body: unknown) {
  return html`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${frame.title} · Switchyard review</title>
    <style nonce="${frame.nonce}">${raw(STYLES)}</style>
  </head>
  <body>
    <header>
      <a href="/tasks">Switchyard review</a>
      ${frame.reviewer
        ? html`<span class="who">Signed in as ${frame.reviewer.name} (${frame.reviewer.id})</span>
            <form method="post" action="/logout"><input type="hidden" name="_csrf" value="${frame.csrfToken ?? ''}" /><button class="secondary">Sign out</button></form>`
        : ''}
    </header>
    <main>${body}</main>
    <script nonce="${frame.nonce}">${raw(SCRIPT)}</script>
  </body>
</html>`;
}
