import { auth } from '@/lib/auth/server';
import { CLIENT_IP_HEADER, clientIp } from '@/lib/net/client-ip';
import { readCappedBytes } from './body';
import { failureResponse, requestLogger } from './context';

/** Sign-up, sign-in and organization bodies are a few hundred bytes. */
export const AUTH_MAX_BODY_BYTES = 64 * 1024;

/**
 * Better Auth's handler behind a body cap. SECURITY: Better Auth reads a
 * body whole before it checks anything, unauthenticated: without the cap, a
 * few 64 MB requests grow the server by hundreds of MB.
 */
export async function handleAuthRequest(req: Request): Promise<Response> {
  const headers = withClientIp(req);
  if (req.method === 'GET' || req.method === 'HEAD' || !req.body) return auth().handler(new Request(req.url, { method: req.method, headers, signal: req.signal }));
  let body: Uint8Array;
  try {
    body = await readCappedBytes(req, AUTH_MAX_BODY_BYTES);
  } catch (error) {
    return failureResponse(requestLogger(req).log, error);
  }
  return auth().handler(new Request(req.url, { method: req.method, headers, body: Buffer.from(body), signal: req.signal }));
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
  return headers;
}
