import type { Executor } from '@/db/client';
import { countPendingReviews as countFromRollups } from '@/lib/rollups';

/** The review queue's count: every pending REVIEW detection, from the rollups, so it costs the same at any volume. */
export function countPendingReviews(options: { db: Executor; orgId: string }): Promise<number> {
  return countFromRollups(options);
}
