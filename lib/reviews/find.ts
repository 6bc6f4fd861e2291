import { and, desc, eq, isNull, lt } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { detections } from '@/db/schema';
import { toDetection } from '@/lib/detections/schema';
import { countPendingReviews } from './count';
import type { TReviewQueuePage } from './schema';

// Same predicate as the partial index detections_org_review_idx, so both
// queries read only the pending rows, however large the org's history.
const pending = (orgId: string) =>
  and(eq(detections.organizationId, orgId), eq(detections.decision, 'REVIEW'), isNull(detections.reviewStatus));

/**
 * The review queue: REVIEW detections nobody has reviewed, newest first,
 * keyset-paginated on seq like findDetections, with the total still pending.
 */
export async function findPendingReviews(options: { db: Executor; orgId: string; limit: number; cursor?: string }): Promise<TReviewQueuePage> {
  const { db, orgId, limit, cursor } = options;
  const rows = await db
    .select()
    .from(detections)
    .where(and(pending(orgId), cursor ? lt(detections.seq, Number(cursor)) : undefined))
    .orderBy(desc(detections.seq))
    .limit(limit + 1);
  const total = await countPendingReviews({ db, orgId });
  const page = rows.slice(0, limit);
  return {
    detections: page.map(toDetection),
    nextCursor: rows.length > limit ? String(page.at(-1)!.seq) : null,
    count: total,
  };
}
