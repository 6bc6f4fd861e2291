import { sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';

/** Rows deleted per statement: each batch is a short transaction that ingest and the stream never wait on for long. */
export const RETENTION_BATCH = 1_000;
/** A breath between batches, so a big first pass (a lowered ORYLO_RETENTION_DAYS) never hogs the database. */
const PAUSE_MS = 20;
/** detection_updates older than this serve nobody: streams resume within minutes, the follower within seconds. */
const UPDATES_KEPT_DAYS = 7;
/** Minute buckets feed the charts up to 24 h; a week is kept for an incident's post-mortem. Hours are kept for ever. */
const MINUTES_KEPT_DAYS = 8;

const DAY_MS = 24 * 60 * 60 * 1000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Removes the detections older than `retentionDays`, organization by
 * organization, a batch at a time (migration 0006, orylo_retention_purge:
 * only rows the rollups already hold, never one a review has locked), then
 * the old detection_updates and minute buckets. The rollups keep the counts.
 */
export async function runRetentionPass(options: {
  db: Executor;
  retentionDays: number;
  now?: Date;
  /** Only these organizations (a test, an operator's one-off); default every one. */
  orgIds?: string[];
}): Promise<{ detections: number; housekeeping: number }> {
  const { db } = options;
  const now = options.now ?? new Date();
  const cutoff = new Date(now.getTime() - options.retentionDays * DAY_MS).toISOString();
  const orgs = options.orgIds
    ? options.orgIds.map((id) => ({ id }))
    : ((await db.execute(sql`select id from "organization"`)) as unknown as { id: string }[]);
  let detections = 0;
  for (const { id } of orgs) {
    for (;;) {
      const rows = (await db.execute(
        sql`select orylo_retention_purge(${id}, ${cutoff}::timestamptz, ${RETENTION_BATCH}) as n`,
      )) as unknown as { n: number }[];
      const n = Number(rows[0].n);
      detections += n;
      if (n < RETENTION_BATCH) break;
      await sleep(PAUSE_MS);
    }
  }
  let housekeeping = 0;
  const updatesBefore = new Date(now.getTime() - UPDATES_KEPT_DAYS * DAY_MS).toISOString();
  const minutesBefore = new Date(now.getTime() - MINUTES_KEPT_DAYS * DAY_MS).toISOString();
  for (;;) {
    const rows = (await db.execute(
      sql`select orylo_rollup_housekeeping(${updatesBefore}::timestamptz, ${minutesBefore}::timestamptz, ${RETENTION_BATCH}) as n`,
    )) as unknown as { n: number }[];
    const n = Number(rows[0].n);
    housekeeping += n;
    if (n < RETENTION_BATCH) break;
    await sleep(PAUSE_MS);
  }
  return { detections, housekeeping };
}
