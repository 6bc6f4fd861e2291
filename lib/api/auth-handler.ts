import { sql } from 'drizzle-orm';
import { auth } from '@/lib/auth/server';
import { appDb } from '@/lib/db';
import { containsCardNumber, throwIfUnsafeText } from '@/lib/card-number';
import { AppError } from '@/lib/errors';
import type { Logger } from '@/lib/logger';
import { CLIENT_IP_HEADER, clientIp } from '@/lib/net/client-ip';
import { isJson, parseJsonText, readCappedBytes } from './body';
import { failureResponse, requestLogger } from './context';

/** Sign-up, sign-in and organization bodies are a few hundred bytes. */
export const AUTH_MAX_BODY_BYTES = 64 * 1024;

/** Whether PostgreSQL answers within two seconds. */
async function databaseAnswers(): Promise<boolean> {
  const timeout = new Promise<false>((resolve) => setTimeout(() => resolve(false), 2_000).unref());
  const probe = appDb()
    .db.execute(sql`select 1`)
    .then(() => true)
    .catch(() => false);
  return Promise.race([probe, timeout]);
}

/**
 * Better Auth's answer, with its failures mapped like every other route's:
 * a thrown error becomes the JSON error of the contract, and a 500 while the
 * database is unreachable becomes 503 + Retry-After (Better Auth answers 500,
 * often with an empty body, when its queries fail).
 */
async function answer(req: Request): Promise<Response> {
  const { log } = requestLogger(req);
  try {
    const res = await auth().handler(req);
    if (res.status >= 500 && !(await databaseAnswers())) {
      return authFailure(log, new AppError('unavailable', 'The database is unreachable. Try again shortly.', { retryAfter: 5 }));
    }
    return res;
  } catch (error) {
    return authFailure(log, error);
  }
}

/**
 * The contract's JSON error, with `code` and `message` also at the top level
 * where Better Auth's client reads them (it shows `error.message`).
 */
async function authFailure(log: Logger, error: unknown): Promise<Response> {
  const res = failureResponse(log, error);
  const body = (await res.json()) as { error: { code: string; message: string } };
  return Response.json({ code: body.error.code, message: body.error.message, ...body }, { status: res.status, headers: res.headers });
}

/**
 * Better Auth's handler behind a body cap. SECURITY: Better Auth reads a
 * body whole before it checks anything, unauthenticated: without the cap, a
 * few 64 MB requests grow the server by hundreds of MB.
 */
export async function handleAuthRequest(req: Request): Promise<Response> {
  const headers = withClientIp(req);
  if (req.method === 'GET' || req.method === 'HEAD' || !req.body) return answer(new Request(req.url, { method: req.method, headers, signal: req.signal }));
  let body: Uint8Array;
  try {
    body = await readCappedBytes(req, AUTH_MAX_BODY_BYTES);
    throwIfUnsafeAuthBody(req, body);
  } catch (error) {
    return authFailure(requestLogger(req).log, error);
  }
  return answer(new Request(req.url, { method: req.method, headers, body: Buffer.from(body), signal: req.signal }));
}

/**
 * SECURITY: Better Auth stores what its bodies carry (e-mail addresses, names,
 * images, logos, organization metadata, invitations): the same rules as every
 * body of the API, before Better Auth sees it. Nesting is bounded, and no
 * field (keys included) may hold a card number or a NUL byte. A body that is
 * not JSON is left to Better Auth, which refuses it.
 */
function throwIfUnsafeAuthBody(req: Request, bytes: Uint8Array): void {
  if (!isJson(req)) return;
  const text = Buffer.from(bytes).toString('utf8');
  if (!text.trim()) return;
  throwIfUnsafeText(parseJsonText(text));
}

/**
 * SECURITY: Better Auth keys its rate limits (and a session's stored address)
 * on CLIENT_IP_HEADER (lib/auth/server.ts, advanced.ipAddress). It gets the
 * address clientIp() derives, never a copy a client sent (plain `next start`
 * has nothing in front to strip one). Unknown: no header, and Better Auth
 * falls back on one shared bucket per path.
 */
function withClientIp(req: Request): Headers {
  const headers = new Headers(req.headers);
  const ip = clientIp(req);
  if (ip === 'unknown') headers.delete(CLIENT_IP_HEADER);
  else headers.set(CLIENT_IP_HEADER, ip);
  // SECURITY: a session stores the User-Agent as sent; one carrying a card
  // number or a NUL byte is stored without it.
  const agent = headers.get('user-agent');
  if (agent && (agent.includes('\u0000') || containsCardNumber(agent))) headers.set('user-agent', 'withheld (held a card number)');
  return headers;
}
