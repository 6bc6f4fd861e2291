import { handle, requestLogger, requireOrg } from '@/lib/api/context';
import { validationError } from '@/lib/api/errors';
import { env } from '@/lib/env';
import { ZCursorSchema } from '@/lib/realtime/cursor';
import { hub } from '@/lib/realtime/hub';
import { acquireStreamSlot, clientIp } from '@/lib/realtime/limits';
import { SSE_HEADERS } from '@/lib/realtime/sse';
import { createDetectionStream } from '@/lib/realtime/stream';

export const dynamic = 'force-dynamic';

// GET /api/v1/events – stream new detections of the active org (SSE).
// Not withOrg: a stream must not hold a transaction open; the hub's poller
// opens one per tick for all of the org's streams.
export async function GET(req: Request): Promise<Response> {
  const { log } = requestLogger(req);
  return handle(log, async () => {
    const { user, orgId, session } = await requireOrg(req);
    const child = log.child({ userId: user.id, orgId });

    const raw = req.headers.get('last-event-id') ?? new URL(req.url).searchParams.get('lastEventId');
    let cursor;
    if (raw !== null && raw !== '') {
      const parsed = ZCursorSchema.safeParse(raw);
      if (!parsed.success) throw validationError(parsed.error, 'lastEventId');
      cursor = parsed.data;
    }
    const release = await acquireStreamSlot({ userId: user.id, ip: clientIp(req), orgId });
    try {
      // Without a cursor: the present. Reading it also proves the database answers (503 otherwise).
      const start = cursor ?? (await hub().presentCursor(orgId));
      const e = env();
      const stream = createDetectionStream({
        orgId,
        sessionId: session.session.id,
        cursor: start,
        catchUp: cursor !== undefined,
        log: child,
        signal: req.signal,
        heartbeatMs: e.REALTIME_HEARTBEAT_MS,
        maxStreamMs: e.REALTIME_MAX_STREAM_MS,
        maxQueueBytes: e.REALTIME_MAX_QUEUE_BYTES,
        onClose: release,
      });
      return new Response(stream, { status: 200, headers: SSE_HEADERS });
    } catch (error) {
      release();
      throw error;
    }
  });
}
