import type { IncomingMessage, ServerResponse } from 'node:http';
import { AppError } from '@/lib/errors';
import { SSE_HEADERS } from '@/lib/realtime/sse';
import { CLIENT_IP_HEADER, deriveClientIp } from '@/lib/net/client-ip';
import { SendMeter } from '@/lib/net/send-meter';
import { openDetectionStream } from '@/lib/realtime/stream';
import { sendError } from './front-door';
import { openStreamRequest } from './stream';

/**
 * GET /api/v1/events on a plain Node response. The App Router keeps tens of
 * KB of per-request machinery alive while a response body is open; a stream
 * served here holds only the socket and Orylo's own state.
 */
export async function handleEventsRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === 'string') headers.set(name, value);
    else if (Array.isArray(value)) headers.set(name, value.join(', '));
  }
  // SECURITY: the client's address, derived from this socket (TRUSTED_PROXIES), never a client's claim.
  headers.set(CLIENT_IP_HEADER, deriveClientIp(req.socket.remoteAddress, headers.get('x-forwarded-for')));
  if (req.method !== 'GET') {
    // HEAD and the rest: an answer, not a stream (a HEAD through the App Router took a slot for good).
    return sendError(res, new AppError('method_not_allowed', 'The event stream answers GET only.'), { allow: 'GET' });
  }
  // Only the path and query matter here, not the Host header (a malformed one made this a 500).
  let request: Request;
  try {
    request = new Request(`http://localhost${req.url ?? '/'}`, { headers });
  } catch {
    return sendError(res, new AppError('bad_request', 'The request URL is malformed.'));
  }

  const opened = await openStreamRequest(request);
  if ('refused' in opened) {
    res.writeHead(opened.refused.status, Object.fromEntries(opened.refused.headers));
    res.end(await opened.refused.text());
    return;
  }
  const { options } = opened;
  if (res.destroyed || !res.socket) return options.onClose();

  res.writeHead(200, SSE_HEADERS);
  res.flushHeaders();
  // Node's buffer and the kernel's send queue: a client with a tiny receive
  // window leaves megabytes in the kernel that Node's buffer never shows.
  let stop: (reason: string) => void = () => {};
  const meter = new SendMeter(res.socket, () => res.writableLength, options.maxQueueBytes, () => stop('slow_consumer'));
  stop = openDetectionStream(options, {
    write: (chunk) => {
      if (res.destroyed || res.writableEnded) throw new Error('response closed');
      res.write(chunk);
      meter.wrote(chunk.byteLength);
    },
    queuedBytes: () => meter.queued(),
    hasRoom: (bytes) => meter.isBelow(bytes),
    end: () => res.end(),
    abort: () => res.destroy(),
  });
  res.once('close', () => stop('client_disconnected'));
  options.log.info({ status: 200 }, 'request');
}
