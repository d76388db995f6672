/** A cookie-keeping HTTP client for the review app, as a browser would use it (no redirects followed). */

/** One visitor's cookies and the requests they make. */
export class HttpSession {
  readonly cookies = new Map<string, { value: string; attributes: string }>();
  constructor(readonly baseUrl: string) {}

  /** Send a request with this visitor's cookies and keep the ones the response sets. */
  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set('cookie', [...this.cookies].map(([name, { value }]) => `${name}=${value}`).join('; '));
    const response = await fetch(this.baseUrl + path, { ...init, headers, redirect: 'manual' });
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const [name = '', value = ''] = pair.split(/=(.*)/s);
      if (/max-age=0/i.test(line) || value === '') this.cookies.delete(name.trim());
      else this.cookies.set(name.trim(), { value, attributes: attributes.join(';').trim() });
    }
    return response;
  }

  /** Post a urlencoded form. */
  postForm(path: string, fields: Record<string, string>): Promise<Response> {
    return this.request(path, { method: 'POST', body: new URLSearchParams(fields) });
  }

  /** Post JSON, with extra headers (X-CSRF-Token, Authorization). */
  postJson(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
    return this.request(path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  }

  /** Open the sign-in page and submit it; returns the POST's response. */
  async signIn(reviewer: string, password: string, next = '/tasks'): Promise<Response> {
    const page = await (await this.request(`/login?next=${encodeURIComponent(next)}`)).text();
    return this.postForm('/login', { _csrf: hiddenField(page, '_csrf'), next, reviewer, password });
  }

  /** The session's CSRF token, as the API hands it to a signed-in script. */
  async csrfToken(): Promise<string> {
    const body = (await (await this.request('/api/session')).json()) as { csrfToken: string };
    return body.csrfToken;
  }
}

/** The value of a hidden input in an HTML page. */
export function hiddenField(page: string, name: string): string {
  const value = new RegExp(`name="${name}" value="([^"]*)"`).exec(page)?.[1];
  if (value === undefined) throw new Error(`no hidden field ${name} in the page`);
  return value;
}
