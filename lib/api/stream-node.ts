import type { IncomingMessage, ServerResponse } from 'node:http';
import { SSE_HEADERS } from '@/lib/realtime/sse';
import { openDetectionStream } from '@/lib/realtime/stream';
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
  // Like Next: the socket's address becomes the last X-Forwarded-For hop.
  const remote = req.socket.remoteAddress;
  if (remote) headers.set('x-forwarded-for', headers.has('x-forwarded-for') ? `${headers.get('x-forwarded-for')}, ${remote}` : remote);
  const request = new Request(`http://${req.headers.host ?? 'localhost'}${req.url ?? '/'}`, { headers });

  const opened = await openStreamRequest(request);
  if ('refused' in opened) {
    res.writeHead(opened.refused.status, Object.fromEntries(opened.refused.headers));
    res.end(await opened.refused.text());
    return;
  }
  const { options } = opened;
  if (res.destroyed) return options.onClose();

  res.writeHead(200, SSE_HEADERS);
  res.flushHeaders();
  const stop = openDetectionStream(options, {
    write: (chunk) => {
      if (res.destroyed || res.writableEnded) throw new Error('response closed');
      res.write(chunk);
    },
    queuedBytes: () => res.writableLength,
    end: () => res.end(),
    abort: () => res.destroy(),
  });
  res.once('close', () => stop('client_disconnected'));
  options.log.info({ status: 200 }, 'request');
}
