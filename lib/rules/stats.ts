import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { rules } from '@/db/schema';
import { AppError } from '@/lib/errors';
import { ruleStatsBounds, type TRuleStatsWindow } from './stats-window';

/** GET /api/v1/rules/:id/stats (README, "Rule performance"). */
export type TRuleStats = {
  ruleId: string;
  key: string;
  window: TRuleStatsWindow;
  from: string;
  to: string;
  /** Detections it fired on, active or shadow. */
  fires: number;
  /** Of those, fires in `shadow`: a shadow-mode rule, or an active one a list overruled. */
  shadowFires: number;
  /** The decisions those detections got at scoring (a reviewed one counts as the REVIEW it was). */
  decisions: { ALLOW: number; REVIEW: number; BLOCK: number };
  /** Its fires that made the decision. */
  decided: number;
  reviews: { approved: number; blocked: number; pending: number };
  labels: { fraud: number; legit: number };
  /** fraud ÷ (fraud + legit); null when none is labelled. */
  precision: number | null;
};

type TRow = Record<'fires' | 'shadow_fires' | 'decided' | 'allow' | 'review' | 'block' | 'approved' | 'blocked' | 'fraud' | 'legit', number | string>;

/**
 * A rule's performance over a window, exact at the moment of the read: the
 * hourly rule_rollups up to the rule follower's cursor, plus the rows past it
 * (the tail, about a second of traffic) as they are now, plus the review and
 * label deltas past its second cursor (migration 0017). One statement, so one
 * snapshot. Cost: the window's hours and the tail, never the rule's fires.
 * SECURITY: runs in the request's RLS transaction and filters by org too.
 */
export async function getRuleStatsOrThrow(options: { db: Executor; orgId: string; ruleId: string; window: TRuleStatsWindow; now?: Date }): Promise<TRuleStats> {
  const { db, orgId, ruleId, window } = options;
  const [rule] = await db.select({ key: rules.key }).from(rules).where(and(eq(rules.organizationId, orgId), eq(rules.id, ruleId))).limit(1);
  if (!rule) throw new AppError('not_found', 'No rule with this id in your organization.');
  const { from, to } = ruleStatsBounds(window, options.now);
  const [f, t, key] = [from.toISOString(), to.toISOString(), rule.key];
  // The cursor as a constant too, for the planner only (as lib/rollups/read.ts):
  // it can then see the tail is a sliver of the table. The cursor only moves
  // forward, so this bound is never tighter than the one joined.
  const [hint] = (await db.execute(sql`select det_tx::text as det, chg_tx::text as chg from rule_rollup_state where id = 1`)) as unknown as { det: string; chg: string }[];
  // What this reads is the window's hours and the tail, but when the cursor's
  // transaction wrote many rows (an import in one statement) the planner's
  // estimate of the tail is that transaction's rows: it chose a parallel scan
  // of the organization's detections and compiled it with JIT (0.8-1.3 s on
  // 3 M rows, where the cursor index answers in milliseconds; README, "Rule
  // performance"). The index condition on (tx_id, seq) starts at the cursor
  // whatever that transaction holds. This transaction only.
  await db.execute(sql`set local jit = off`);
  await db.execute(sql`set local enable_seqscan = off`);
  const [row] = (await db.execute(sql`
    with st as (select det_tx, det_seq, chg_tx, chg_seq from rule_rollup_state where id = 1),
    parts as (
      select r.fires, r.shadow_fires, r.decided, r.allow, r.review, r.block, r.approved, r.blocked, r.fraud, r.legit
      from rule_rollups r
      where r.organization_id = ${orgId} and r.code = ${key} and r.bucket >= ${f}::timestamptz and r.bucket < ${t}::timestamptz
      union all
      select 1, (not x.active)::int, x.decisive::int,
        (x.scored = 'ALLOW')::int, (x.scored = 'REVIEW')::int, (x.scored = 'BLOCK')::int,
        (d.review_status = 'approved')::int, (d.review_status = 'blocked')::int, (d.label = 'fraud')::int, (d.label = 'legit')::int
      from st join detections d
        on d.organization_id = ${orgId} and d.tx_id >= ${hint.det}::xid8 and d.tx_id >= st.det_tx and (d.tx_id, d.seq) > (st.det_tx, st.det_seq)
      cross join lateral (
        select bool_or(e.active) as active, bool_or(e.active and e.decisive) as decisive,
          case when d.review_status is not null then 'REVIEW' else d.decision end as scored
        from (
          select true as active, coalesce(r->'decisive' = 'true'::jsonb, false) as decisive from jsonb_array_elements(d.reasons) r where r->>'code' = ${key}
          union all
          select false, false from jsonb_array_elements(d.shadow) r where r->>'code' = ${key}
        ) e
      ) x
      where x.active is not null and d.created_at >= ${f}::timestamptz and d.created_at < ${t}::timestamptz
      union all
      -- Reviews and labels of rows the follower had already read (the others are counted above as they are now).
      select 0, 0, 0, 0, 0, 0, c.approved, c.blocked, c.fraud, c.legit
      from st join rule_rollup_changes c
        on c.organization_id = ${orgId} and c.tx_id >= ${hint.chg}::xid8 and c.tx_id >= st.chg_tx and (c.tx_id, c.seq) > (st.chg_tx, st.chg_seq)
      where ${key}::text = any(c.codes) and c.bucket >= ${f}::timestamptz and c.bucket < ${t}::timestamptz
    )
    select coalesce(sum(fires), 0) as fires, coalesce(sum(shadow_fires), 0) as shadow_fires, coalesce(sum(decided), 0) as decided,
      coalesce(sum(allow), 0) as allow, coalesce(sum(review), 0) as review, coalesce(sum(block), 0) as block,
      coalesce(sum(approved), 0) as approved, coalesce(sum(blocked), 0) as blocked, coalesce(sum(fraud), 0) as fraud, coalesce(sum(legit), 0) as legit
    from parts
  `)) as unknown as TRow[];
  const n = (k: keyof TRow) => Number(row[k]);
  const [fraud, legit] = [n('fraud'), n('legit')];
  return {
    ruleId,
    key,
    window,
    from: f,
    to: t,
    fires: n('fires'),
    shadowFires: n('shadow_fires'),
    decisions: { ALLOW: n('allow'), REVIEW: n('review'), BLOCK: n('block') },
    decided: n('decided'),
    reviews: { approved: n('approved'), blocked: n('blocked'), pending: Math.max(0, n('review') - n('approved') - n('blocked')) },
    labels: { fraud, legit },
    precision: fraud + legit === 0 ? null : fraud / (fraud + legit),
  };
}
