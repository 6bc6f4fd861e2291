import { and, count, eq, isNull } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { detections } from '@/db/schema';

/**
 * How many REVIEW detections wait for a decision (claimed or not): the
 * queue's `count`. The one place that counts them, so that it can move to the
 * per-minute rollups without touching its callers.
 */
export async function countPendingReviews(options: { db: Executor; orgId: string }): Promise<number> {
  const [row] = await options.db
    .select({ n: count() })
    .from(detections)
    .where(and(eq(detections.organizationId, options.orgId), eq(detections.decision, 'REVIEW'), isNull(detections.reviewStatus)));
  return row?.n ?? 0;
}
