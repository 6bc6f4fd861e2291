import { env } from '@/lib/env';
import { validationError } from '@/lib/errors';
import type { Logger } from '@/lib/logger';
import { hub } from '@/lib/realtime/hub';
import { acquireStreamSlot } from '@/lib/realtime/limits';
import type { TStreamOptions } from '@/lib/realtime/stream';
import { ZCursorSchema } from '@/lib/stream-protocol';
import { clientIp } from '@/lib/net/client-ip';
import { failureResponse, requestLogger, requireOrg } from './context';

/**
 * Everything GET /api/v1/events decides before the first byte: session and
 * membership (401/403), the cursor (400 if malformed), a stream slot
 * (429/503), and where to start.
 */
async function prepareStream(req: Request, log: Logger): Promise<TStreamOptions> {
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
    // With one: the horizon, read from the database (not the poller's position,
    // which trails it when no row came lately). A cursor beyond it comes from
    // this database's future (restored or recreated since) and can never be
    // served: the stream says `reset` and the client refetches.
    const reset = cursor !== undefined && BigInt(cursor.txId) > BigInt((await hub().horizon(orgId)).txId);
    const start = cursor && !reset ? cursor : await hub().presentCursor(orgId);
    const e = env();
    return {
      orgId,
      sessionId: session.session.id,
      cursor: start,
      catchUp: cursor !== undefined && !reset,
      reset,
      log: child,
      heartbeatMs: e.REALTIME_HEARTBEAT_MS,
      maxStreamMs: e.REALTIME_MAX_STREAM_MS,
      maxQueueBytes: e.REALTIME_MAX_QUEUE_BYTES,
      onClose: release,
    };
  } catch (error) {
    release();
    throw error;
  }
}

/**
 * The stream's edge, shared by its two adapters (the App Router route and the
 * lean Node handler), so both answer alike: the stream's options, or the
 * error answer, logged once through the same path as every other route.
 */
export async function openStreamRequest(req: Request): Promise<{ options: TStreamOptions } | { refused: Response }> {
  const { log } = requestLogger(req);
  try {
    return { options: await prepareStream(req, log) };
  } catch (error) {
    return { refused: failureResponse(log, error) };
  }
}
