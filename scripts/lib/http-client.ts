// A small Node-side client of Orylo's public HTTP API with a cookie jar: used
// by the demo seeding, the simulator and the integration tests, so all of
// them go through the same endpoints a person or a merchant uses.

export class HttpError extends Error {
  constructor(readonly status: number, readonly body: unknown, message: string) {
    super(message);
  }
}

export class OryloSession {
  private cookies = new Map<string, string>();

  constructor(readonly baseUrl: string) {}

  get cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  /** fetch with the session's cookies and an Origin (Better Auth refuses cookie-bearing POSTs without one). */
  async fetch(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set('cookie', this.cookieHeader);
    headers.set('origin', this.baseUrl);
    if (init.body && !headers.has('content-type')) headers.set('content-type', 'application/json');
    const res = await fetch(this.baseUrl + path, { ...init, headers, redirect: 'manual' });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (/max-age=0/i.test(line) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }

  async json<T = any>(path: string, init: RequestInit = {}): Promise<T> {
    const res = await this.fetch(path, init);
    const text = await res.text();
    const body = text ? JSON.parse(text) : null;
    if (!res.ok) {
      throw new HttpError(res.status, body, `${init.method ?? 'GET'} ${path} → ${res.status} ${text.slice(0, 300)}`);
    }
    return body as T;
  }

  post<T = any>(path: string, body: unknown): Promise<T> {
    return this.json<T>(path, { method: 'POST', body: JSON.stringify(body) });
  }

  async signUp(user: { email: string; password: string; name: string }) {
    return this.post('/api/auth/sign-up/email', user);
  }

  async signIn(user: { email: string; password: string }) {
    return this.post('/api/auth/sign-in/email', user);
  }

  async createOrganization(name: string, slug: string): Promise<{ id: string }> {
    const org = await this.post<{ id: string }>('/api/auth/organization/create', { name, slug });
    await this.post('/api/auth/organization/set-active', { organizationId: org.id });
    return org;
  }

  async createApiKey(name: string): Promise<{ id: string; key: string }> {
    return this.post('/api/v1/api-keys', { name });
  }
}

/** A response's body as JSON when it is JSON, as text otherwise, null when empty: for callers that assert on error answers too. */
export async function readBodyTolerantly(res: Response): Promise<any> {
  const text = await res.text();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** POSTs one transaction with an API key; returns status and body without throwing. */
export async function postTransaction(baseUrl: string, key: string, body: unknown, init: { headers?: Record<string, string>; raw?: string } = {}) {
  const res = await fetch(`${baseUrl}/api/v1/transactions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...init.headers },
    body: init.raw ?? JSON.stringify(body),
  });
  return { status: res.status, body: await readBodyTolerantly(res), headers: res.headers };
}
