import { sql, type SQL } from 'drizzle-orm';
import { comparisonsOf, groupKind, groupParts, isGroup, type TComparison, type TCondition } from './condition';
import { KEY_COLUMN, MIN_RATIO_ATTEMPTS, parseFeature, type TFeatureKey, type TMetric } from './features';

// The backtest's features as of each past detection, set-based: one sort per
// key instead of one query per row.
//
// A count over the window (t - W, t] is a running sum of events ordered by
// time: +1 when a row happens, -1 when it leaves the window (at t + W). Every
// detection is both an event and a point where the sum is read. Distinct
// cards use the same sum: an occurrence of a card counts from its own time
// until the card's next occurrence on the key or the end of the window,
// whichever comes first, so each card in the window is counted once.
//
// Ties: events order by (time, seq, kind) with departures (kind 0) before
// arrivals (kind 1). A row leaving at exactly t is out, as live scoring's
// `created_at > now() - W` has it, and rows written at the same instant count
// in seq order, the order they were written in. Keys sort in the "C" collation:
// only equality matters here, and byte order sorts several times faster than a
// locale's.

/** The windows and aggregates one key needs, each window numbered for its columns. */
type TKeyNeeds = { key: TFeatureKey; column: string; windows: Map<number, Set<TMetric>> };

export function keyNeeds(condition: TCondition): TKeyNeeds[] {
  const needs = new Map<TFeatureKey, TKeyNeeds>();
  for (const { comparison } of comparisonsOf(condition)) {
    const f = parseFeature(comparison.feature);
    if (f?.kind !== 'velocity') continue;
    const n = needs.get(f.key) ?? { key: f.key, column: KEY_COLUMN[f.key], windows: new Map() };
    needs.set(f.key, n);
    const metrics = n.windows.get(comparison.windowSeconds) ?? new Set<TMetric>();
    metrics.add(f.metric);
    n.windows.set(comparison.windowSeconds, metrics);
  }
  return [...needs.values()];
}

/** Column names of one key's features: `ip_1800_attempts`. */
export const featureColumn = (key: TFeatureKey, windowSeconds: number, what: 'a' | 'd' | 's' | 'c') => `${key}_${windowSeconds}_${what}`;

const ident = (name: string) => sql.raw(`"${name}"`);

/**
 * One key's features for every row of the scope, as a subquery of
 * (id, <key>_<w>_a, _d, _s, _c …). Rows without a value for the key are not
 * in it (their comparisons are not evaluated, as live).
 */
export function keyFeaturesSql(needs: TKeyNeeds, to: Date): SQL {
  const col = sql.raw(needs.column);
  const windows = [...needs.windows.entries()];
  const anyDistinct = windows.some(([, m]) => m.has('distinct_cards'));
  // Each window carries attempts, declines, amounts and cards: the unused ones cost a column, not a sort.
  const cols = windows.flatMap(([w]) => (['a', 'd', 's', 'c'] as const).map((x) => featureColumn(needs.key, w, x)));
  const zero = (except: string[] = [], values: Record<string, SQL> = {}) =>
    sql.join(cols.map((c) => (except.includes(c) ? sql`${values[c]} as ${ident(c)}` : sql`0 as ${ident(c)}`)), sql`, `);

  const arrivals = sql`select k, created_at as t, seq as es, 1 as kind, id, ${sql.join(
    windows.flatMap(([w]) => [
      sql`1 as ${ident(featureColumn(needs.key, w, 'a'))}`,
      sql`dec as ${ident(featureColumn(needs.key, w, 'd'))}`,
      sql`amount as ${ident(featureColumn(needs.key, w, 's'))}`,
      sql`(card_fingerprint is not null)::int as ${ident(featureColumn(needs.key, w, 'c'))}`,
    ]),
    sql`, `,
  )} from keyed`;

  const departures = windows.map(([w]) => {
    const a = featureColumn(needs.key, w, 'a');
    const d = featureColumn(needs.key, w, 'd');
    const s = featureColumn(needs.key, w, 's');
    return sql`select k, created_at + ${w}::int * interval '1 second', 0::bigint, 0, null::uuid, ${zero([a, d, s], { [a]: sql`-1`, [d]: sql`-dec`, [s]: sql`-amount` })}
      from keyed where created_at + ${w}::int * interval '1 second' < ${to.toISOString()}::timestamptz`;
  });

  // A card leaves a window's distinct count at its next occurrence on the key, or when the window passes it.
  const cardDepartures = windows
    .filter(([, m]) => m.has('distinct_cards'))
    .map(([w]) => {
      const c = featureColumn(needs.key, w, 'c');
      const end = sql`${w}::int * interval '1 second'`;
      return sql`select k,
          case when next_at is not null and next_at < created_at + ${end} then next_at else created_at + ${end} end,
          case when next_at is not null and next_at < created_at + ${end} then next_seq else 0 end,
          0, null::uuid, ${zero([c], { [c]: sql`-1` })}
        from keyed where card_fingerprint is not null and (next_at is not null and next_at < created_at + ${end} or created_at + ${end} < ${to.toISOString()}::timestamptz)`;
    });

  const nextOccurrence = anyDistinct
    ? sql`, lead(created_at) over cards as next_at, lead(seq) over cards as next_seq`
    : sql``;

  const sums = sql.join(cols.map((c) => sql`sum(${ident(c)}) over w as ${ident(c)}`), sql`, `);
  return sql`(with keyed as (
      select ${col} collate "C" as k, id, seq, created_at, card_fingerprint collate "C" as card_fingerprint, dec, amount ${nextOccurrence}
      from scope where ${col} is not null
      ${anyDistinct ? sql`window cards as (partition by ${col} collate "C", card_fingerprint collate "C" order by created_at, seq)` : sql``}
    )
    select id, ${sql.join(cols.map(ident), sql`, `)} from (
      select id, kind, ${sums} from (
        ${sql.join([arrivals, ...departures, ...cardDepartures], sql` union all `)}
      ) ev
      window w as (partition by k order by t, es, kind rows between unbounded preceding and current row)
    ) summed where kind = 1)`;
}

/** The value one comparison reads for the row `e` (the key subqueries joined as k_<key>), null when not evaluated. */
export function comparisonValueSql(c: TComparison): SQL {
  const f = parseFeature(c.feature);
  if (!f) return sql`null`;
  switch (f.kind) {
    case 'amount':
      return sql`e.amount::float8`;
    case 'set':
      return f.feature === 'currency' ? sql`e.currency` : f.feature === 'card_country' ? sql`e.card_country` : sql`e.ip_country`;
    case 'mismatch':
      return sql`case when e.card_country is not null and e.ip_country is not null then e.card_country <> e.ip_country end`;
    case 'velocity': {
      const column = (what: 'a' | 'd' | 's' | 'c') => sql.raw(`k_${f.key}."${featureColumn(f.key, c.windowSeconds, what)}"`);
      switch (f.metric) {
        case 'attempts':
          return sql`${column('a')}::float8`;
        case 'declines':
          return sql`${column('d')}::float8`;
        case 'amount_sum':
          return sql`${column('s')}::float8`;
        case 'distinct_cards':
          return sql`${column('c')}::float8`;
        case 'decline_ratio':
          return sql`case when ${column('a')} >= ${MIN_RATIO_ATTEMPTS} then ${column('d')}::float8 / ${column('a')} end`;
      }
    }
  }
}

/** Whether one comparison held: null when its value is unknown. */
function heldSql(c: TComparison, value: SQL): SQL {
  switch (c.operator) {
    case '>':
    case '>=':
    case '<':
    case '<=':
      return sql`(${value} ${sql.raw(c.operator)} ${c.threshold as number}::float8)`;
    case 'in':
      return sql`(${value} in (${sql.join((c.threshold as string[]).map((code) => sql`${code}::text`), sql`, `)}))`;
    case 'not_in':
      return sql`(${value} not in (${sql.join((c.threshold as string[]).map((code) => sql`${code}::text`), sql`, `)}))`;
    case 'is':
      return sql`(${value} = ${c.threshold as boolean}::boolean)`;
  }
}

/** The whole condition as a boolean: a comparison that cannot be evaluated does not hold, as live. */
export function conditionSql(condition: TCondition, valueOf: (c: TComparison) => SQL): SQL {
  if (!isGroup(condition)) return sql`coalesce(${heldSql(condition, valueOf(condition))}, false)`;
  const parts = groupParts(condition).map((p) => conditionSql(p, valueOf));
  return sql`(${sql.join(parts, groupKind(condition) === 'all' ? sql` and ` : sql` or `)})`;
}
