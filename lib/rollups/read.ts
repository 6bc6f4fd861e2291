import { sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';

export type TGrain = 'minute' | 'hour';

/** Detections of one bucket as they are now: by decision, pending reviews, reviews by outcome. */
export type TDecisionCounts = {
  total: number;
  allow: number;
  review: number;
  block: number;
  pending: number;
  approved: number;
  rejected: number;
};

export type TCountsBucket = TDecisionCounts & { start: string };

export const ZERO_COUNTS: TDecisionCounts = { total: 0, allow: 0, review: 0, block: 0, pending: 0, approved: 0, rejected: 0 };

/**
 * Counts per bucket of `stepSeconds` (a multiple of the grain) over [from, to),
 * exact at the moment of the read: the rollups hold every row up to the
 * follower's cursor, and the rows and reviews past it (the tail: a second or so
 * of traffic while the follower keeps up) are counted from the tables. One
 * statement, so the cursor, the rollups and the tail come from one snapshot.
 * Cost: the number of buckets plus the tail, never the organization's volume.
 * SECURITY: runs in the request's RLS transaction and filters by org too.
 */
export async function readCounts(options: {
  db: Executor;
  orgId: string;
  grain: TGrain;
  stepSeconds: number;
  from: Date;
  to: Date;
}): Promise<TCountsBucket[]> {
  const { db, orgId, grain } = options;
  const from = options.from.toISOString();
  const to = options.to.toISOString();
  const step = sql`make_interval(secs => ${options.stepSeconds})`;
  // Buckets are aligned on the Unix epoch, in UTC whatever the session's time zone.
  const origin = sql`'1970-01-01T00:00:00Z'::timestamptz`;
  // The cursor as a constant too, for the planner only: a bound it can
  // estimate (the tail is a sliver of the table) where the one it joins is
  // unknown to it, which made it plan for a third of the org's rows (and
  // compile the plan with JIT: 100+ ms per read on a big org). The cursor only
  // moves forward, so this bound is never tighter than the real one.
  const [hint] = (await db.execute(sql`select det_tx::text as det, upd_tx::text as upd from rollup_state where id = 1`)) as unknown as { det: string; upd: string }[];
  const rows = (await db.execute(sql`
    with st as (select det_tx, det_seq, upd_tx, upd_seq from rollup_state where id = 1),
    parts as (
      select date_bin(${step}, r.bucket, ${origin}) as b, r.total, r.allow, r.review, r.block, r.pending, r.approved, r.rejected
      from detection_rollups r
      where r.organization_id = ${orgId} and r.grain = ${grain} and r.bucket >= ${from}::timestamptz and r.bucket < ${to}::timestamptz
      union all
      select date_bin(${step}, d.created_at, ${origin}), 1,
        (d.decision = 'ALLOW')::int, (d.decision = 'REVIEW')::int, (d.decision = 'BLOCK')::int,
        (d.decision = 'REVIEW' and d.review_status is null)::int,
        (d.review_status = 'approved')::int, (d.review_status = 'blocked')::int
      from st join detections d
        on d.organization_id = ${orgId} and d.tx_id >= ${hint.det}::xid8 and d.tx_id >= st.det_tx and (d.tx_id, d.seq) > (st.det_tx, st.det_seq)
      where d.created_at >= ${from}::timestamptz and d.created_at < ${to}::timestamptz
      union all
      -- Reviews of rows the rollups already held when the review committed
      -- (the others are counted above as they are now).
      select date_bin(${step}, u.detection_created_at, ${origin}), 0,
        (u.to_decision = 'ALLOW')::int - (u.from_decision = 'ALLOW')::int,
        (u.to_decision = 'REVIEW')::int - (u.from_decision = 'REVIEW')::int,
        (u.to_decision = 'BLOCK')::int - (u.from_decision = 'BLOCK')::int,
        -1, (u.to_decision = 'ALLOW')::int, (u.to_decision = 'BLOCK')::int
      from st join detection_updates u
        on u.organization_id = ${orgId} and u.tx_id >= ${hint.upd}::xid8 and u.tx_id >= st.upd_tx and (u.tx_id, u.seq) > (st.upd_tx, st.upd_seq)
      where u.counted and u.from_decision is not null and u.to_decision is not null
        and u.detection_created_at >= ${from}::timestamptz and u.detection_created_at < ${to}::timestamptz
    )
    select b, sum(total)::int as total, sum(allow)::int as allow, sum(review)::int as review, sum(block)::int as block,
      sum(pending)::int as pending, sum(approved)::int as approved, sum(rejected)::int as rejected
    from parts group by b order by b
  `)) as unknown as (TDecisionCounts & { b: string | Date })[];
  return rows.map((r) => ({
    start: new Date(r.b).toISOString(),
    total: Number(r.total),
    allow: Number(r.allow),
    review: Number(r.review),
    block: Number(r.block),
    pending: Number(r.pending),
    approved: Number(r.approved),
    rejected: Number(r.rejected),
  }));
}

/** The sum of some buckets. */
export function sumCounts(buckets: TDecisionCounts[]): TDecisionCounts {
  const sum = { ...ZERO_COUNTS };
  for (const b of buckets) for (const k of Object.keys(sum) as (keyof TDecisionCounts)[]) sum[k] += b[k];
  return sum;
}

/**
 * Every bucket of [from, to) in order, the empty ones as zeros, so a chart
 * never has gaps and the client never guesses the server's clock.
 */
export function fillBuckets(buckets: TCountsBucket[], from: Date, to: Date, stepSeconds: number): TCountsBucket[] {
  const byStart = new Map(buckets.map((b) => [b.start, b]));
  const stepMs = stepSeconds * 1000;
  const out: TCountsBucket[] = [];
  for (let t = Math.floor(from.getTime() / stepMs) * stepMs; t < to.getTime(); t += stepMs) {
    const start = new Date(t).toISOString();
    out.push(byStart.get(start) ?? { start, ...ZERO_COUNTS });
  }
  return out;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Every REVIEW detection nobody has reviewed yet, whatever its age: from the hourly rollups and the tail. */
export async function countPendingReviews(options: { db: Executor; orgId: string }): Promise<number> {
  const to = new Date(Date.now() + DAY_MS);
  // One bucket spanning all time: a century in seconds.
  const buckets = await readCounts({ ...options, grain: 'hour', stepSeconds: 100 * 365 * 86_400, from: new Date(0), to });
  return sumCounts(buckets).pending;
}
