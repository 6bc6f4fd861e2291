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
 * A rule's performance over a window, exact at the moment of the read, in one
 * statement (one snapshot):
 * - what was fixed at scoring (fires, decisions, decisive fires) from the
 *   hourly rule_rollups up to the rule follower's cursor, plus the rows past
 *   it (the tail, about a second of traffic);
 * - reviews and labels, which change later, from the window's reviewed or
 *   labelled detections (a partial index: their number, not the rule's fires).
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
  const [hint] = (await db.execute(sql`select det_tx::text as det from rule_rollup_state where id = 1`)) as unknown as { det: string }[];
  // Containment on the few marked rows only: never an index condition here.
  const fired = sql`jsonb_build_array(jsonb_build_object('code', ${key}::text))`;
  const [row] = (await db.execute(sql`
    with st as (select det_tx, det_seq from rule_rollup_state where id = 1),
    parts as (
      select r.fires, r.shadow_fires, r.decided, r.allow, r.review, r.block
      from rule_rollups r
      where r.organization_id = ${orgId} and r.code = ${key} and r.bucket >= ${f}::timestamptz and r.bucket < ${t}::timestamptz
      union all
      select 1, (not x.active)::int, x.decisive::int, (x.scored = 'ALLOW')::int, (x.scored = 'REVIEW')::int, (x.scored = 'BLOCK')::int
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
    ),
    marked as (
      select d.review_status, d.label
      from detections d
      where d.organization_id = ${orgId} and d.created_at >= ${f}::timestamptz and d.created_at < ${t}::timestamptz
        and (d.review_status is not null or d.label is not null)
        and (d.reasons @> ${fired} or d.shadow @> ${fired})
    )
    select p.*, m.*
    from (
      select coalesce(sum(fires), 0) as fires, coalesce(sum(shadow_fires), 0) as shadow_fires, coalesce(sum(decided), 0) as decided,
        coalesce(sum(allow), 0) as allow, coalesce(sum(review), 0) as review, coalesce(sum(block), 0) as block
      from parts
    ) p, (
      select count(*) filter (where review_status = 'approved') as approved, count(*) filter (where review_status = 'blocked') as blocked,
        count(*) filter (where label = 'fraud') as fraud, count(*) filter (where label = 'legit') as legit
      from marked
    ) m
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
