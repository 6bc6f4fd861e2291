import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import type { TTransactionInput } from '@/lib/detections/schema';
import { featureId, VELOCITY_ROW_CAP, type TAggregate } from './features';
import { queryPrepared } from './prepared';
import type { TRuleSpec } from './schema';
import { planVelocity, type TFeatureValues, type TKeyPlan } from './velocity-plan';


const since = (windowSeconds: number) => sql`created_at > now() - ${windowSeconds}::int * interval '1 second'`;

function aggregateSql(aggregate: TAggregate, windowSeconds: number, plan: TKeyPlan): SQL {
  // Rows older than the largest window are not read at all; smaller windows filter.
  const inWindow = windowSeconds < plan.maxWindowSeconds ? since(windowSeconds) : sql`true`;
  switch (aggregate) {
    case 'attempts':
      return sql`count(*) filter (where ${inWindow})`;
    case 'distinct_cards':
      return sql`count(distinct card_fingerprint) filter (where ${inWindow})`;
    case 'declines':
      return sql`count(*) filter (where auth_status = 'declined' and ${inWindow})`;
    case 'amount_sum':
      return sql`coalesce(sum(amount) filter (where ${inWindow}), 0)`;
  }
}

/**
 * One subquery per key, bounded by its largest window, on the index
 * (organization_id, <key>, created_at). The attempt being scored is added as
 * one more row, so every count includes it, as a person would count.
 */
function keySubquery(plan: TKeyPlan, orgId: string, input: TTransactionInput): SQL {
  const aggregates = sql.join(plan.aggregates.map((a) => aggregateSql(a.aggregate, a.windowSeconds, plan)), sql`, `);
  return sql`(select json_build_array(${aggregates}) from (
      (select card_fingerprint, auth_status, amount, created_at from detections
        where organization_id = ${orgId} and ${sql.raw(plan.column)} = ${plan.value} and ${since(plan.maxWindowSeconds)}
        order by created_at desc limit ${VELOCITY_ROW_CAP})
      union all
      select ${input.card?.fingerprint ?? null}::text, ${input.authStatus ?? null}::text, ${input.amount}::bigint, now()
    ) t)`;
}

/**
 * Every velocity feature the org's rules need, in ONE round trip (none when no
 * rule applies to the keys the attempt carries). Runs inside the request's
 * RLS transaction and filters by org explicitly too.
 */
export async function computeFeatures(options: { db: Executor; orgId: string; input: TTransactionInput; rules: readonly TRuleSpec[] }): Promise<TFeatureValues> {
  const { db, orgId, input, rules } = options;
  const plans = planVelocity(rules, input);
  const values = new Map<string, number>();
  if (plans.length === 0) return values;

  const columns = sql.join(plans.map((plan, i) => sql`${keySubquery(plan, orgId, input)} as ${sql.raw(`k${i}`)}`), sql`, `);
  const rows = await queryPrepared<Record<string, unknown>>(db, sql`select ${columns}`);
  const row = rows[0] ?? {};
  plans.forEach((plan, i) => {
    const raw = row[`k${i}`];
    const array = (typeof raw === 'string' ? JSON.parse(raw) : raw) as (number | string)[];
    plan.aggregates.forEach((a, j) => values.set(featureId(plan.key, a.aggregate, a.windowSeconds), Number(array[j])));
  });
  return values;
}
