import { sql, type SQL } from 'drizzle-orm';
import { comparisonsOf, groupKind, groupParts, isGroup, type TComparison, type TCondition } from './condition';
import { KEY_COLUMN, MIN_RATIO_ATTEMPTS, parseFeature, type TFeatureKey, type TMetric } from './features';

// The backtest's features as of each past detection, set-based: one sort per
// key instead of one query per row.
//
// A count over the window (t - W, t] is a running sum of events ordered by
// time: +1 when a row happens, -1 when it leaves the window (at t + W). Every
// detection is both an event and a point where the sum is read. Distinct
// cards use the same sum over each card's stretches of occurrences (see
// keyFeaturesSql), so each card in the window is counted once.
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

/** The running sums a window's metrics need: a attempts, d declines, s amounts, c distinct cards. */
function sumsFor(metrics: Set<TMetric>): ('a' | 'd' | 's' | 'c')[] {
  const out: ('a' | 'd' | 's' | 'c')[] = [];
  if (metrics.has('attempts') || metrics.has('decline_ratio')) out.push('a');
  if (metrics.has('declines') || metrics.has('decline_ratio')) out.push('d');
  if (metrics.has('amount_sum')) out.push('s');
  if (metrics.has('distinct_cards')) out.push('c');
  return out;
}

/**
 * One key's features for the rows of the scope, as a subquery of (id, the
 * `carry` columns, <key>_<w>_a, _d, _s, _c …). With `carry`, every row of the
 * scope is in it (a row without a value for the key reads null features) and
 * brings the columns the evaluation needs, so the first key's stream is the
 * evaluation's base and needs no join back; without, only rows with a value.
 *
 * Distinct cards: a card is in the window while one of its occurrences on the
 * key is, so its occurrences within W of each other make one stretch; the
 * count goes up where a stretch starts (the card's previous occurrence is W
 * or more before) and down W after the stretch's last occurrence. A repeated
 * card costs no event at all.
 */
export function keyFeaturesSql(needs: TKeyNeeds, to: Date, carry: readonly string[] = []): SQL {
  const col = sql.raw(needs.column);
  const windows = [...needs.windows.entries()].map(([w, metrics]) => ({ w, sums: sumsFor(metrics) }));
  const anyDistinct = windows.some(({ sums }) => sums.includes('c'));
  const cols = windows.flatMap(({ w, sums }) => sums.map((x) => ({ name: featureColumn(needs.key, w, x), w, x })));
  const toAt = sql`${to.toISOString()}::timestamptz`;
  const source = anyDistinct ? sql`keyed` : sql`scope`;
  const key = anyDistinct ? sql`k` : sql`${col} collate "C"`;
  const carried = (present: boolean) => (carry.length ? sql`, ${sql.join(carry.map((c) => (present ? sql.raw(c) : sql`null`)), sql`, `)}` : sql``);
  const values = (value: (x: 'a' | 'd' | 's' | 'c', w: number) => SQL) => sql.join(cols.map((c) => sql`${value(c.x, c.w)} as ${ident(c.name)}`), sql`, `);
  const seconds = (w: number) => sql`${w}::int * interval '1 second'`;

  // A card's stretch starts here unless its previous occurrence on the key is less than W before.
  const stretchStarts = (w: number) => sql`(card_fingerprint is not null and (prev_at is null or prev_at + ${seconds(w)} <= created_at))::int`;
  const arrival = (x: 'a' | 'd' | 's' | 'c', w: number): SQL => (x === 'a' ? sql`1` : x === 'd' ? sql`dec` : x === 's' ? sql`amount` : stretchStarts(w));
  // Without `carry`, only rows with a value for the key: `keyed` has already left the others out.
  const arrivals = sql`select ${key} as k, created_at as t, seq as es, 1 as kind, id ${carried(true)}, ${values(arrival)}
    from ${source} ${carry.length || anyDistinct ? sql`` : sql`where ${col} is not null`}`;

  // A card leaves the window W after the last occurrence of its stretch.
  const departures = windows
    .filter(({ sums }) => sums.includes('c'))
    .map(({ w }) => sql`select k, created_at + ${seconds(w)}, 0::bigint, 0, null::uuid ${carried(false)},
          ${values((x, cw) => (cw === w && x === 'c' ? sql`-1` : sql`0`))}
        from keyed where k is not null and card_fingerprint is not null and created_at + ${seconds(w)} < ${toAt}
          and (next_at is null or next_at >= created_at + ${seconds(w)})`);

  // Distinct cards need each card's neighbours on the key: one more sort, only for them, of the
  // columns the stream reads (every byte of a sorted row counts at a million rows).
  const keyedExtra = sql.raw(['dec', ...(cols.some((c) => c.x === 's') ? ['amount'] : []), ...carry].map((c) => `, ${c}`).join(''));
  const keyed = anyDistinct
    ? sql`with keyed as (
        select ${col} collate "C" as k, id, seq, created_at, card_fingerprint ${keyedExtra},
          lag(created_at) over cards as prev_at, lead(created_at) over cards as next_at
        from scope ${carry.length ? sql`` : sql`where ${col} is not null`}
        window cards as (partition by ${col} collate "C", card_fingerprint collate "C" order by created_at, seq)
      )`
    : sql``;
  // Counts and amounts: a frame of the window's length ending at the row, less the rows written at
  // the same instant after it (its peers in the frame). Distinct cards: the running sum of stretches.
  const windowOf = (c: { w: number }) => sql.raw(`r${c.w}`);
  const sum = (c: { name: string; w: number; x: string }) =>
    c.x === 'c'
      ? sql`sum(${ident(c.name)}) over run`
      : sql`sum(${ident(c.name)}) filter (where kind = 1) over ${windowOf(c)} - coalesce(sum(${ident(c.name)}) filter (where kind = 1) over later_peers, 0)`;
  const sums = sql.join(cols.map((c) => sql`case when k is not null then ${sum(c)} end as ${ident(c.name)}`), sql`, `);
  const frames = [...new Set(cols.filter((c) => c.x !== 'c').map((c) => c.w))].map(
    // (t - W, t]: the frame's start is inclusive, so it starts a microsecond (the timestamps' resolution) later.
    (w) => sql.raw(`r${w} as (partition by k order by t range between interval '${w * 1_000_000 - 1} microseconds' preceding and current row)`),
  );
  const carriedNames = carry.length ? sql`, ${sql.join(carry.map((c) => sql.raw(c)), sql`, `)}` : sql``;
  return sql`(${keyed}
    select id ${carriedNames}, ${sql.join(cols.map((c) => ident(c.name)), sql`, `)} from (
      select id, kind ${carriedNames}, ${sums} from (
        ${sql.join([arrivals, ...departures], sql` union all `)}
      ) ev
      window ${sql.join([
        ...frames,
        sql`later_peers as (partition by k, t order by es, kind rows between 1 following and unbounded following)`,
        sql`run as (partition by k order by t, es, kind rows between unbounded preceding and current row)`,
      ], sql`, `)}
    ) summed where kind = 1)`;
}

/** The value one comparison reads for the row `e` (with the key streams' feature columns), null when not evaluated. */
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
      // Feature columns are named by key and window, unique across the joined streams.
      const column = (what: 'a' | 'd' | 's' | 'c') => ident(featureColumn(f.key, c.windowSeconds, what));
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
