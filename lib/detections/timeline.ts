import { sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';

/** One UTC minute of detections; `minute` is the ISO instant the minute starts. */
export type TTimelineBucket = { minute: string; allow: number; review: number; block: number };

export const TIMELINE_MINUTES = 60;

/**
 * Detections per minute over the last hour, split by decision: exactly
 * TIMELINE_MINUTES buckets, oldest first, the last one being the current (partial) minute.
 * generate_series supplies the empty minutes, so the chart never has gaps and
 * the client never has to guess the server's clock.
 */
export async function getDecisionTimeline(options: { db: Executor; orgId: string }): Promise<TTimelineBucket[]> {
  // The first bucket starts this many minutes before the current one.
  const earlier = TIMELINE_MINUTES - 1;
  // SECURITY: runs inside the request's RLS transaction and filters by org explicitly too.
  const rows = (await options.db.execute(sql`
    with counts as (
      select
        date_trunc('minute', created_at) as minute,
        count(*) filter (where decision = 'ALLOW')::int as allow,
        count(*) filter (where decision = 'REVIEW')::int as review,
        count(*) filter (where decision = 'BLOCK')::int as block
      from detections
      where organization_id = ${options.orgId}
        and created_at >= date_trunc('minute', now()) - ${earlier}::int * interval '1 minute'
      group by 1
    )
    select m.minute, coalesce(c.allow, 0)::int as allow, coalesce(c.review, 0)::int as review, coalesce(c.block, 0)::int as block
    from generate_series(date_trunc('minute', now()) - ${earlier}::int * interval '1 minute', date_trunc('minute', now()), interval '1 minute') as m(minute)
    left join counts c on c.minute = m.minute
    order by m.minute
  `)) as unknown as { minute: string | Date; allow: number; review: number; block: number }[];
  return rows.map((r) => ({
    minute: new Date(r.minute).toISOString(),
    allow: Number(r.allow),
    review: Number(r.review),
    block: Number(r.block),
  }));
}
