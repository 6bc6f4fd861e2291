// The browser's JSON client for /api/v1. Errors keep the server's message
// ({ error: { code, message } }) so a toast can show what to do next.

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field?: string;
  /** From Retry-After (429, and 503 while the database is down): how long to wait before asking again. */
  readonly retryAfterMs?: number;

  constructor(status: number, code: string, message: string, options: { field?: string; retryAfterMs?: number } = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.field = options.field;
    this.retryAfterMs = options.retryAfterMs;
  }
}

/** Retry-After in ms: delay-seconds or an HTTP date (RFC 9110); undefined when absent or unreadable. */
export function parseRetryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

type TErrorBody = { error?: { code?: unknown; message?: unknown; field?: unknown } };

export async function fetchJson<T>(url: string, init?: RequestInit): Promise<T> {
  const headers = new Headers(init?.headers);
  headers.set('Accept', 'application/json');
  if (init?.body !== undefined && !headers.has('Content-Type')) headers.set('Content-Type', 'application/json');

  let res: Response;
  try {
    res = await fetch(url, { ...init, headers, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'network_error', 'Could not reach the server. Check your connection and try again.');
  }

  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const error = (body as TErrorBody | null)?.error;
    const message = typeof error?.message === 'string' ? error.message : `Request failed (${res.status} ${res.statusText})`;
    const code = typeof error?.code === 'string' ? error.code : 'http_error';
    throw new ApiError(res.status, code, message, {
      field: typeof error?.field === 'string' ? error.field : undefined,
      retryAfterMs: parseRetryAfterMs(res.headers.get('Retry-After')),
    });
  }
  return body as T;
}

/** Client errors will not succeed on retry; server and network errors might. */
export function isRetryable(error: unknown): boolean {
  return !(error instanceof ApiError) || error.status === 0 || error.status === 429 || error.status >= 500;
}
