import { and, asc, eq, sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { detectionUpdates, detections } from '@/db/schema';
import { toDetection, type TDetection } from '@/lib/detections/schema';
import type { TCursor } from '@/lib/stream-protocol';

export type TFeedBatch = {
  detections: TDetection[];
  /** The cursor of each row, parallel to `detections` (for per-subscriber filtering). */
  cursors: TCursor[];
  /** After the last row, or the cursor read from when there is none. */
  cursor: TCursor;
  hasMore: boolean;
};

/** Rows per read, and so per `new_detections` event. */
export const FEED_PAGE_SIZE = 500;

/**
 * Rows after `cursor` (and up to `upTo`, inclusive, when given), oldest first,
 * that are safe to deliver: only rows of transactions older than the oldest
 * one still running. A transaction that started earlier but commits later
 * holds the horizon back instead of being skipped, so nothing is lost,
 * duplicated or reordered.
 */
export async function readDetectionsAfter(options: {
  db: Executor;
  orgId: string;
  cursor: TCursor;
  upTo?: TCursor;
  limit?: number;
}): Promise<TFeedBatch> {
  const limit = options.limit ?? FEED_PAGE_SIZE;
  const rows = await options.db
    .select()
    .from(detections)
    .where(
      and(
        eq(detections.organizationId, options.orgId),
        sql`(${detections.txId}, ${detections.seq}) > (${options.cursor.txId}::xid8, ${options.cursor.seq}::bigint)`,
        options.upTo
          ? sql`(${detections.txId}, ${detections.seq}) <= (${options.upTo.txId}::xid8, ${options.upTo.seq}::bigint)`
          : undefined,
        sql`${detections.txId} < pg_snapshot_xmin(pg_current_snapshot())`,
      ),
    )
    .orderBy(asc(detections.txId), asc(detections.seq))
    .limit(limit);
  const cursors = rows.map((r) => ({ txId: String(r.txId), seq: r.seq }));
  return {
    detections: rows.map(toDetection),
    cursors,
    cursor: cursors.at(-1) ?? options.cursor,
    hasMore: rows.length === limit,
  };
}

/** The cursor for "from now on": the horizon. Rows of still-running transactions come later. */
export async function currentCursor(db: Executor): Promise<TCursor> {
  const rows = (await db.execute(sql`select pg_snapshot_xmin(pg_current_snapshot())::text as xmin`)) as unknown as { xmin: string }[];
  return { txId: rows[0].xmin, seq: 0 };
}

/**
 * Which of these sessions may still watch the org: unexpired, not banned,
 * still a member. Also how many transaction ids the delivery horizon trails
 * the newest one by (an open transaction holds it back).
 */
export async function checkViewers(options: { db: Executor; orgId: string; sessionIds: string[] }): Promise<{ allowed: Set<string>; lagXids: number }> {
  const ids = options.sessionIds.length ? options.sessionIds : [''];
  const rows = (await options.db.execute(sql`
    select v.id,
      (pg_snapshot_xmax(pg_current_snapshot())::text::bigint - pg_snapshot_xmin(pg_current_snapshot())::text::bigint) as lag
    from (select 1) one
    left join lateral (
      select s.id from "session" s
      join "member" m on m.user_id = s.user_id and m.organization_id = ${options.orgId}
      join "user" u on u.id = s.user_id
      where s.id in (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})
        and s.expires_at > now() and coalesce(u.banned, false) = false
    ) v on true
  `)) as unknown as { id: string | null; lag: string }[];
  return {
    allowed: new Set(rows.map((r) => r.id).filter((id): id is string => id !== null)),
    lagXids: Number(rows[0]?.lag ?? 0),
  };
}

/** Detections changed since an update cursor (a review), for `detection_updated`. */
export type TUpdatesBatch = {
  /** The current rows, each once, in the order of their last change. */
  detections: TDetection[];
  /** After the last update read, or where the read started when there is none. */
  cursor: TCursor;
  hasMore: boolean;
};

/**
 * Rows of detection_updates after `cursor`, with the same commit-safe rule as
 * readDetectionsAfter, joined to the detections as they are now. Without a
 * cursor (a poller's first read) it starts at the horizon and reads nothing:
 * updates made while nobody watched are not replayed (clients refetch their
 * lists when they connect).
 */
export async function readDetectionUpdatesAfter(options: { db: Executor; orgId: string; cursor: TCursor | undefined; limit?: number }): Promise<TUpdatesBatch> {
  if (!options.cursor) return { detections: [], cursor: await currentCursor(options.db), hasMore: false };
  const limit = options.limit ?? FEED_PAGE_SIZE;
  const rows = await options.db
    .select({ txId: detectionUpdates.txId, seq: detectionUpdates.seq, detection: detections })
    .from(detectionUpdates)
    .innerJoin(detections, and(eq(detections.organizationId, options.orgId), eq(detections.id, detectionUpdates.detectionId)))
    .where(
      and(
        eq(detectionUpdates.organizationId, options.orgId),
        sql`(${detectionUpdates.txId}, ${detectionUpdates.seq}) > (${options.cursor.txId}::xid8, ${options.cursor.seq}::bigint)`,
        sql`${detectionUpdates.txId} < pg_snapshot_xmin(pg_current_snapshot())`,
      ),
    )
    .orderBy(asc(detectionUpdates.txId), asc(detectionUpdates.seq))
    .limit(limit);
  // A detection changed twice in one read is sent once, as it is now, at its last change's place.
  const latest = new Map<string, TDetection>();
  for (const r of rows) {
    latest.delete(r.detection.id);
    latest.set(r.detection.id, toDetection(r.detection));
  }
  const last = rows.at(-1);
  return {
    detections: [...latest.values()],
    cursor: last ? { txId: String(last.txId), seq: last.seq } : options.cursor,
    hasMore: rows.length === limit,
  };
}
