import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { AppError } from '@/lib/errors';

// What scripts/server.ts refuses before Next or the stream handler sees a
// request: a malformed request is a 4xx JSON error from our code, never a 500
// or an empty body from deeper down.

/** The methods Orylo's routes answer. TRACE, CONNECT and the rest are a 405 here (Next answered TRACE with a 500). */
export const ROUTE_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

/** RFC 9110 §7.2: host[:port], the host a name (letters, digits, unreserved, sub-delims, %HH), an IPv4 or an [IPv6]. */
const HOST = /^(?:\[[0-9a-f:.]+\]|(?:%[0-9a-f]{2}|[a-z0-9._~!$&'()*+,;=-])+)(?::\d{1,5})?$/i;

function validHost(host: string): boolean {
  if (!HOST.test(host)) return false;
  try {
    new URL(`http://${host}/`);
    return true;
  } catch {
    return false;
  }
}

/** Why this request is refused before routing, or null. */
export function refuseMalformed(req: Pick<IncomingMessage, 'method' | 'url' | 'headers'>): { error: AppError; headers?: Record<string, string> } | null {
  if (!ROUTE_METHODS.includes(req.method ?? '')) {
    return { error: new AppError('method_not_allowed', `${req.method} is not a method Orylo answers.`), headers: { Allow: ROUTE_METHODS.join(', ') } };
  }
  // RFC 9112 §3.2: a Host with an invalid value is a 400.
  const host = req.headers.host;
  if (host !== undefined && !validHost(host)) return { error: new AppError('bad_request', 'The Host header is malformed.', { field: 'host' }) };
  const path = (req.url ?? '/').split('?')[0];
  try {
    decodeURIComponent(path);
  } catch {
    return { error: new AppError('bad_request', 'The path holds a malformed percent-escape (%zz).') };
  }
  return null;
}

/** Writes an AppError the way lib/api/errors.ts does for route handlers. */
export function sendError(res: ServerResponse, error: AppError, headers: Record<string, string> = {}): void {
  const body = JSON.stringify({ error: { code: error.code, message: error.message, ...(error.field ? { field: error.field } : {}) } });
  res.writeHead(error.status, {
    'content-type': 'application/json',
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(body),
    ...(error.retryAfter !== undefined ? { 'retry-after': String(error.retryAfter) } : {}),
    ...headers,
  });
  res.end(body);
}

/**
 * A request Node's parser refused (an unknown method, a bad header, headers
 * too large): the JSON error shape instead of Node's empty 400.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  const busy = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent;
  if (error.code === 'ECONNRESET' || !socket.writable || busy) {
    socket.destroy();
    return;
  }
  const [status, reason, message] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'Request Header Fields Too Large', 'The request headers are too large.']
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'Request Timeout', 'The request took too long to arrive.']
        : [400, 'Bad Request', 'The request could not be parsed as HTTP.'];
  const body = JSON.stringify({ error: { code: status === 400 ? 'bad_request' : status === 431 ? 'headers_too_large' : 'request_timeout', message } });
  socket.end(`HTTP/1.1 ${status} ${reason}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
}
