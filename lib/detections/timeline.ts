import type { Executor } from '@/db/client';
import { fillBuckets, readCounts } from '@/lib/rollups';

/** One UTC minute of detections; `minute` is the ISO instant the minute starts. */
export type TTimelineBucket = { minute: string; allow: number; review: number; block: number };

export const TIMELINE_MINUTES = 60;

const MINUTE_MS = 60_000;

/**
 * Detections per minute over the last hour, split by decision: exactly
 * TIMELINE_MINUTES buckets, oldest first, the last one being the current
 * (partial) minute. From the rollups (lib/rollups), so its cost does not grow
 * with the organization's volume; empty minutes are zeros.
 */
export async function getDecisionTimeline(options: { db: Executor; orgId: string; now?: Date }): Promise<TTimelineBucket[]> {
  const now = options.now ?? new Date();
  const to = new Date(Math.floor(now.getTime() / MINUTE_MS) * MINUTE_MS + MINUTE_MS);
  const from = new Date(to.getTime() - TIMELINE_MINUTES * MINUTE_MS);
  const buckets = await readCounts({ db: options.db, orgId: options.orgId, grain: 'minute', stepSeconds: 60, from, to });
  return fillBuckets(buckets, from, to, 60).map((b) => ({ minute: b.start, allow: b.allow, review: b.review, block: b.block }));
}
