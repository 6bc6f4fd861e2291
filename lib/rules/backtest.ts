import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { rules } from '@/db/schema';
import { AppError, hasDatabaseCode } from '@/lib/errors';
import { processState } from '@/lib/process-state';
import { BACKTEST_EXAMPLES, BACKTEST_MAX_DAYS, type TBacktestInput, type TBacktestResult } from './backtest-schema';
import { comparisonValueSql, conditionSql, keyFeaturesSql, keyNeeds } from './backtest-sql';
import { comparisonsOf, isGroup, type TComparison } from './condition';
import { ruleCondition } from './schema';
import { conditionForCreate, throwIfInvalidAction } from './validate';

// What a rule would have done on past detections (README, "Testing a rule on
// history"). One read-only statement: the features of every detection of the
// window recomputed as of its own time (backtest-sql.ts), the condition, and
// for the detections it touches the decision it would have had, with the
// lists, thresholds and other rules' settings as they are now.

export const BACKTEST_TIMEOUT_MS = 10_000;
const QUERY_CANCELED = '57014';
/** The attempt's own fields a comparison reads, by feature name (the same as their columns). */
const ATTEMPT_COLUMNS: string[] = ['amount', 'currency', 'card_country', 'ip_country'];
const DAY_MS = 86_400_000;

/** Backtests at once in this process: each sorts up to millions of rows. */
const MAX_CONCURRENT = 2;
const running = processState('rules.backtests-running', () => ({ n: 0 }));

/** The rule's own errors name their field under `rule.` as the request has it. */
function underRule<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof AppError && error.field) {
      throw new AppError(error.code, `rule.${error.message}`, { field: `rule.${error.field}` });
    }
    throw error;
  }
}

function windowOf(input: TBacktestInput, now: Date): { from: Date; to: Date } {
  const to = input.to && input.to < now ? input.to : now;
  const from = input.from;
  if (from >= to) throw new AppError('validation_error', 'from: Must be before to (and before now)', { field: 'from' });
  if (to.getTime() - from.getTime() > BACKTEST_MAX_DAYS * DAY_MS) {
    throw new AppError('validation_error', `from: A backtest covers at most ${BACKTEST_MAX_DAYS} days: move from closer to to`, { field: 'from' });
  }
  return { from, to };
}

type TRow = {
  evaluated: number;
  matched: number;
  fraud_total: number;
  fraud_matched: number;
  legit_total: number;
  legit_matched: number;
  changes: Record<string, number>;
  examples: TBacktestResult['examples'];
  review: number;
  block: number;
};

export async function backtestRule(options: { db: Executor; orgId: string; input: TBacktestInput; timeoutMs?: number }): Promise<TBacktestResult> {
  const { db, orgId, input, timeoutMs = BACKTEST_TIMEOUT_MS } = options;
  const started = performance.now();
  const stored = underRule(() => conditionForCreate(input.rule));
  underRule(() => throwIfInvalidAction({ action: input.rule.action, scoreDelta: input.rule.scoreDelta ?? 0 }));
  const condition = ruleCondition(stored);
  const { from, to } = windowOf(input, new Date());

  const replaced = input.rule.id ?? null;
  if (replaced) {
    const [found] = await db.select({ id: rules.id }).from(rules).where(and(eq(rules.id, replaced), eq(rules.organizationId, orgId)));
    if (!found) throw new AppError('not_found', 'rule.id: No rule with this id in your organization.', { field: 'rule.id' });
  }
  if (running.n >= MAX_CONCURRENT) throw new AppError('rate_limited', 'Other backtests are running on this server: try again in a few seconds.', { retryAfter: 5 });
  running.n++;
  try {
    // Read-only whatever happens, bounded in time, with room to sort in memory. No JIT: the
    // plan's cost estimate sets it off, and compiling its ~200 functions took over a second
    // of a query that runs in a few hundred milliseconds without it. No merge join: the
    // planner cannot estimate a window function's output and sorted a million ids twice.
    await db.execute(sql`set transaction read only`);
    const [{ locked }] = (await db.execute(sql`select pg_try_advisory_xact_lock(hashtext('orylo.backtest'), hashtext(${orgId})) as locked,
        set_config('statement_timeout', ${String(timeoutMs)}, true), set_config('work_mem', '512MB', true), set_config('jit', 'off', true), set_config('enable_mergejoin', 'off', true)`)) as unknown as { locked: boolean }[];
    if (!locked) throw new AppError('rate_limited', 'Another backtest of your organization is running: try again when it has finished.', { retryAfter: 5 });
    const query = backtestSql({ orgId, from, to, condition, action: input.rule.action, scoreDelta: input.rule.scoreDelta ?? 0, replaced });
    const [row] = (await db.execute(query).catch((error: unknown) => {
      if (hasDatabaseCode(error, (code) => code === QUERY_CANCELED)) {
        const days = Math.round((to.getTime() - from.getTime()) / DAY_MS);
        throw new AppError(
          'query_too_slow',
          `This backtest could not finish within ${timeoutMs / 1000} s over ${days} day${days === 1 ? '' : 's'} of detections: test a narrower window (for example the last 7 days).`,
        );
      }
      throw error;
    })) as unknown as TRow[];
    const fraudMatched = Number(row.fraud_matched);
    const legitMatched = Number(row.legit_matched);
    const fraudTotal = Number(row.fraud_total);
    const round = (n: number) => Math.round(n * 10_000) / 10_000;
    return {
      from: from.toISOString(),
      to: to.toISOString(),
      evaluated: Number(row.evaluated),
      matched: Number(row.matched),
      decisionChanges: Object.fromEntries(Object.entries(row.changes ?? {}).map(([k, v]) => [k, Number(v)])),
      labels: { fraud: { matched: fraudMatched, total: fraudTotal }, legit: { matched: legitMatched, total: Number(row.legit_total) } },
      precision: fraudMatched + legitMatched > 0 ? round(fraudMatched / (fraudMatched + legitMatched)) : null,
      recall: fraudTotal > 0 ? round(fraudMatched / fraudTotal) : null,
      examples: (row.examples ?? []).map((x) => ({ ...x, amount: Number(x.amount), createdAt: new Date(x.createdAt).toISOString() })),
      assumptions: { lists: 'now', thresholds: { review: Number(row.review), block: Number(row.block) }, otherRules: 'as they fired, with their settings now', ruleMode: 'active' },
      durationMs: Math.round(performance.now() - started),
    };
  } finally {
    running.n--;
  }
}

export function backtestSql(o: { orgId: string; from: Date; to: Date; condition: ReturnType<typeof ruleCondition>; action: string; scoreDelta: number; replaced: string | null }): SQL {
  const { orgId, from, to, condition } = o;
  const fromAt = sql`${from.toISOString()}::timestamptz`;
  const toAt = sql`${to.toISOString()}::timestamptz`;
  const needs = keyNeeds(condition);
  const maxWindow = Math.max(0, ...needs.flatMap((n) => [...n.windows.keys()]));
  const comparisons = comparisonsOf(condition).map((c) => c.comparison);
  const index = new Map<TComparison, number>(comparisons.map((c, i) => [c, i]));
  const value = (c: TComparison) => sql.raw(`v${index.get(c)}`);

  // ONE read of the table (its rows are wide: reading them is most of the cost), of the columns
  // this rule needs only: the window's detections and, for velocity features, the history before
  // `from` that live scoring counted (the longest window's worth).
  const attempt = new Set(comparisons.flatMap((c) => (c.feature === 'country_mismatch' ? ['card_country', 'ip_country'] : ATTEMPT_COLUMNS.includes(c.feature) ? [c.feature] : [])));
  const metrics = new Set(needs.flatMap((n) => [...n.windows.values()].flatMap((m) => [...m])));
  const columns = [
    ...needs.map((n) => n.column),
    ...(metrics.has('distinct_cards') && !needs.some((n) => n.column === 'card_fingerprint') ? ['card_fingerprint'] : []),
    ...(metrics.has('amount_sum') || attempt.has('amount') ? ['amount'] : []),
    ...[...attempt].filter((c) => c !== 'amount'),
  ];
  const dec = metrics.has('declines') || metrics.has('decline_ratio') ? sql`(auth_status = 'declined')::int` : sql`0`;
  const ref = o.replaced ? sql`${JSON.stringify([{ ruleId: o.replaced }])}::jsonb` : null;
  const scope = sql`scope as materialized (
      select id, seq, created_at, ${sql.raw(columns.length ? `${columns.join(', ')}, ` : '')}${dec} as dec, decision, label,
        created_at >= ${fromAt} as in_window, ${ref ? sql`(reasons @> ${ref} or shadow @> ${ref})` : sql`false`} as old_fired
      from detections
      where organization_id = ${orgId} and created_at >= ${fromAt} - ${maxWindow}::int * interval '1 second' and created_at < ${toAt}
    ),`;
  // The first key's stream carries what the evaluation reads (no join back); other keys join by id.
  const carry = ['decision', 'label', 'old_fired', 'in_window', ...attempt];
  const base = needs.length ? sql`${keyFeaturesSql(needs[0], to, carry)} e` : sql`scope e`;
  const keyJoins = sql.join(needs.slice(1).map((n) => sql`left join ${keyFeaturesSql(n, to)} ${sql.raw(`k_${n.key}`)} on ${sql.raw(`k_${n.key}`)}.id = e.id`), sql` `);
  const values = sql.join(comparisons.map((c, i) => sql`${comparisonValueSql(c)} as ${sql.raw(`v${i}`)}`), sql`, `);
  const is = (a: string) => sql.raw(o.action === a ? 'true' : 'false');
  const observed = isGroup(condition) ? sql`jsonb_build_array(${sql.join(comparisons.map((_, i) => sql.raw(`x.v${i}`)), sql`, `)})` : sql`to_jsonb(x.v0)`;

  return sql`with ${scope}
    th as (
      select
        coalesce(case when s.override_until > now() then s.override_review_threshold end, s.review_threshold, 50) as review,
        coalesce(case when s.override_until > now() then s.override_block_threshold end, s.block_threshold, 80) as block
      from (select 1) one left join org_settings s on s.organization_id = ${orgId}
    ),
    evald as (
      select id, decision, label, old_fired,
        ${sql.join(comparisons.map((_, i) => sql.raw(`v${i}`)), sql`, `)},
        ${conditionSql(condition, value)} as matched
      from (
        select e.id, e.decision, e.label, e.old_fired, ${values}
        from ${base} ${keyJoins}
        where e.in_window
      ) e
    ),
    -- The detections whose decision the rule can change: where it matches, and where the rule it replaces fired.
    -- Fetched by primary key for these rows only (the limit keeps the planner from turning it into a
    -- hash of the whole table: it cannot guess how few rows match).
    touched as (
      select e.*, d.external_id, d.created_at, d.amount, d.currency, d.reasons, d.shadow, d.ip, d.card_fingerprint, d.card_bin, d.email, d.device_id, d.customer_id
      from evald e cross join lateral (
        select external_id, created_at, amount, currency, reasons, shadow, ip, card_fingerprint, card_bin, email, device_id, customer_id from detections d
        where d.organization_id = ${orgId} and d.id = e.id limit 1) d
      where e.matched or e.old_fired
    ),
    live_lists as (
      select type, value, action from lists
      where organization_id = ${orgId} and deleted_at is null and (expires_at is null or expires_at > now())
    ),
    -- One equality join per list type (hash joins), not one OR over every entry per detection.
    list_hits as (
      select id, bool_or(action = 'block') as block, bool_or(action = 'allow') as allow from (
        select t.id, l.action from touched t join live_lists l on l.type = 'ip' and l.value = t.ip
        union all select t.id, l.action from touched t join live_lists l on l.type = 'card_fingerprint' and l.value = t.card_fingerprint
        union all select t.id, l.action from touched t join live_lists l on l.type = 'email' and l.value = t.email
        union all select t.id, l.action from touched t join live_lists l on l.type = 'device_id' and l.value = t.device_id
        union all select t.id, l.action from touched t join live_lists l on l.type = 'customer_id' and l.value = t.customer_id
        union all select t.id, l.action from touched t join live_lists l on l.type = 'card_bin' and l.value = left(t.card_bin, 6)
        union all select t.id, l.action from touched t join live_lists l on l.type = 'card_bin' and length(t.card_bin) >= 7 and l.value = left(t.card_bin, 7)
        union all select t.id, l.action from touched t join live_lists l on l.type = 'card_bin' and length(t.card_bin) >= 8 and l.value = left(t.card_bin, 8)
      ) h group by id
    ),
    live_rules as (
      select id::text as id, action, score_delta from rules
      where organization_id = ${orgId} and enabled and mode = 'active' ${o.replaced ? sql`and id <> ${o.replaced}::uuid` : sql``}
    ),
    others as (
      select t.id, bool_or(r.action = 'ALLOW') as allow, bool_or(r.action = 'BLOCK') as block, bool_or(r.action = 'REVIEW') as review,
        coalesce(sum(r.score_delta) filter (where r.action = 'SCORE'), 0) as points
      from touched t cross join lateral jsonb_array_elements(t.reasons || t.shadow) x
      join live_rules r on r.id = x->>'ruleId'
      group by t.id
    ),
    judged as (
      select t.*, case
          when lh.block then 'BLOCK' when lh.allow then 'ALLOW'
          when coalesce(ot.allow, false) or (t.matched and ${is('ALLOW')}) then 'ALLOW'
          when coalesce(ot.block, false) or (t.matched and ${is('BLOCK')}) then 'BLOCK'
          when sc.score >= th.block then 'BLOCK'
          when sc.score >= th.review then 'REVIEW'
          when coalesce(ot.review, false) or (t.matched and ${is('REVIEW')}) then 'REVIEW'
          else 'ALLOW' end as would_be
      from touched t cross join th
      left join list_hits lh on lh.id = t.id
      left join others ot on ot.id = t.id
      cross join lateral (select greatest(0, least(100, coalesce(ot.points, 0) + case when t.matched and ${is('SCORE')} then ${o.scoreDelta}::int else 0 end)) as score) sc
    )
    select c.*, th.review, th.block,
      (select coalesce(jsonb_object_agg(pair, n), '{}'::jsonb) from (
        select decision || '->' || would_be as pair, count(*) as n from judged where would_be <> decision group by 1) p) as changes,
      (select coalesce(jsonb_agg(jsonb_build_object(
          'id', x.id, 'externalId', x.external_id, 'createdAt', x.created_at, 'amount', x.amount, 'currency', x.currency,
          'decision', x.decision, 'wouldBe', x.would_be, 'observed', ${observed}) order by x.rank), '[]'::jsonb)
        from (select j.*, row_number() over (order by j.matched desc, (j.would_be <> j.decision) desc, j.created_at desc) as rank
          from judged j order by rank limit ${BACKTEST_EXAMPLES}) x) as examples
    from (
      select count(*) as evaluated, count(*) filter (where matched) as matched,
        count(*) filter (where label = 'fraud') as fraud_total, count(*) filter (where label = 'fraud' and matched) as fraud_matched,
        count(*) filter (where label = 'legit') as legit_total, count(*) filter (where label = 'legit' and matched) as legit_matched
      from evald
    ) c cross join th`;
}

