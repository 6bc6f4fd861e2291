import { withOrgTransaction } from '@/db/rls';
import { handle, requestLogger, requireOrg } from '@/lib/api/context';
import { validationError } from '@/lib/api/errors';
import { env } from '@/lib/env';
import { ZCursorSchema } from '@/lib/realtime/cursor';
import { currentCursor } from '@/lib/realtime/feed';
import { createOrgSource } from '@/lib/realtime/poller';
import { SSE_HEADERS } from '@/lib/realtime/sse';
import { createDetectionStream } from '@/lib/realtime/stream';

export const dynamic = 'force-dynamic';

// GET /api/v1/events – stream new detections of the active org (SSE).
// Not withOrg: the stream must not hold a transaction open; each poll opens its own.
export async function GET(req: Request): Promise<Response> {
  const { log } = requestLogger(req);
  return handle(log, async () => {
    const { user, orgId } = await requireOrg(req);
    const child = log.child({ userId: user.id, orgId });

    const raw = req.headers.get('last-event-id') ?? new URL(req.url).searchParams.get('lastEventId');
    let cursor;
    if (raw !== null && raw !== '') {
      const parsed = ZCursorSchema.safeParse(raw);
      if (!parsed.success) throw validationError(parsed.error, 'lastEventId');
      cursor = parsed.data;
    }
    // Reading the horizon also proves the database answers: 503 now rather than a dead stream.
    const start = cursor ?? (await withOrgTransaction(orgId, (db) => currentCursor(db)));

    const e = env();
    const stream = createDetectionStream({
      orgId,
      cursor: start,
      catchUp: cursor !== undefined,
      source: createOrgSource(orgId),
      log: child,
      signal: req.signal,
      pollIntervalMs: e.REALTIME_POLL_INTERVAL_MS,
      heartbeatMs: e.REALTIME_HEARTBEAT_MS,
      maxStreamMs: e.REALTIME_MAX_STREAM_MS,
    });
    return new Response(stream, { status: 200, headers: SSE_HEADERS });
  });
}
