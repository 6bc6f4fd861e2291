import { and, asc, eq, sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { detections } from '@/db/schema';
import { toDetection, type TDetection } from '@/lib/detections/schema';
import type { TCursor } from './cursor';

export type TFeedBatch = { detections: TDetection[]; cursor: TCursor; hasMore: boolean };

export const FEED_PAGE_SIZE = 500;

/**
 * Rows after `cursor`, oldest first, that are safe to deliver: only rows of
 * transactions older than the oldest one still running. A transaction that
 * started earlier but commits later holds the horizon back instead of being
 * skipped, so nothing is lost, duplicated or reordered.
 */
export async function readDetectionsAfter(options: { db: Executor; orgId: string; cursor: TCursor; limit?: number }): Promise<TFeedBatch> {
  const limit = options.limit ?? FEED_PAGE_SIZE;
  const rows = await options.db
    .select()
    .from(detections)
    .where(
      and(
        eq(detections.organizationId, options.orgId),
        sql`(${detections.txId}, ${detections.seq}) > (${options.cursor.txId}::xid8, ${options.cursor.seq}::bigint)`,
        sql`${detections.txId} < pg_snapshot_xmin(pg_current_snapshot())`,
      ),
    )
    .orderBy(asc(detections.txId), asc(detections.seq))
    .limit(limit);
  const last = rows.at(-1);
  return {
    detections: rows.map(toDetection),
    cursor: last ? { txId: String(last.txId), seq: last.seq } : options.cursor,
    hasMore: rows.length === limit,
  };
}

/** The cursor for "from now on": the horizon. Rows of still-running transactions come later. */
export async function currentCursor(db: Executor): Promise<TCursor> {
  const rows = (await db.execute(sql`select pg_snapshot_xmin(pg_current_snapshot())::text as xmin`)) as unknown as { xmin: string }[];
  return { txId: rows[0].xmin, seq: 0 };
}
