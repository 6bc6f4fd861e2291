import { auth } from '@/lib/auth/server';
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
  if (req.method === 'GET' || req.method === 'HEAD' || !req.body) return auth().handler(req);
  let body: Uint8Array;
  try {
    body = await readCappedBytes(req, AUTH_MAX_BODY_BYTES);
  } catch (error) {
    return failureResponse(requestLogger(req).log, error);
  }
  return auth().handler(new Request(req.url, { method: req.method, headers: req.headers, body: Buffer.from(body), signal: req.signal }));
}
