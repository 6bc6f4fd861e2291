import type { Sql } from './db';

// The volume of `npm run bench -- --scale`: detections written straight into
// the table as the owner, set-based (`insert … select … from generate_series`)
// in chunks of about 200,000 rows, oldest first and the organizations
// interleaved in time as a shared table holds them. Each chunk is a normal
// commit, so the rollup follower and the reason-code triggers see what they
// see in production. Every value is a hash of the row's number, so the same
// run gives the same table, and the values the bench looks for are known:
// SEED_VALUES below, "hot" (many rows), "rare" (a handful) and "absent".

export type TSeedOrg = { orgId: string; label: string; today: number; older: number; reviewerId: string };
export type TSeedResult = { rows: number; seconds: number; rowsPerSecond: number; chunks: number };

const CHUNK_ROWS = 200_000;
const DAY_MS = 86_400_000;

/** The values the filters are measured with (scale-filters.ts); the generator below writes them. */
export const SEED_VALUES = {
  rule: { common: 'ip_attempts_30m', medium: 'card_declines_24h', rare: 'bin_attempts_10m', absent: 'email_attempts_1h' },
  ip: { hot: '203.0.113.7', rare: '198.51.100.77', absent: '192.0.2.1' },
  email: { hot: 'hot.buyer@example.com', rare: 'rare.buyer@example.com', absent: 'nobody@example.com' },
  cardFingerprint: { hot: 'fp_hot', rare: 'fp_rare', absent: 'fp_absent' },
  bin: { hot: '424242', rare: '555555', absent: '999999' },
  customerId: { hot: 'cus_hot', rare: 'cus_rare', absent: 'cus_absent' },
  deviceId: { hot: 'dev_hot', rare: 'dev_rare', absent: 'dev_absent' },
  // external ids are unique: seed-<n> exists in every org that has n + 1 rows.
  externalId: { present: 'seed-500', absent: 'absent-order-1' },
  /** Amounts (minor units): ~0.1 % of rows are 10,000.00 or more, ~1 % are 1.50 or less. */
  amount: { high: 1_000_000, low: 150 },
} as const;

/** Midnight UTC of today: "today's" rows fall between it and now, the older ones in the 30 days before. */
export const midnightUtc = (now = Date.now()) => Math.floor(now / DAY_MS) * DAY_MS;

type TSegment = { org: TSeedOrg; salt: number; first: number; count: number; fromMs: number; toMs: number };

/**
 * One part of a chunk: rows [first, first + count) of an org's segment, their
 * created_at spread evenly over [fromMs, toMs). `total` is the org's row count
 * (the rare rule lands on about 50 of them whatever the volume).
 */
function partSql(s: TSegment, total: number): string {
  const step = (s.toMs - s.fromMs) / 1000 / s.count;
  const rareEvery = Math.max(1, Math.round(total / 50));
  const v = SEED_VALUES;
  const org = s.org.orgId.replace(/'/g, "''");
  const reviewer = s.org.reviewerId.replace(/'/g, "''");
  const todayStart = midnightUtc() / 1000;
  // h(k): an independent 63-bit hash of the row number per column.
  const h = (k: number) => `(hashint8extended(g.i, ${s.salt * 100 + k}) & 9223372036854775807)`;
  return `
  select '${org}'::text as organization_id, 'seed-' || g.i as external_id,
    to_timestamp(${s.fromMs / 1000} + (g.i - ${s.first} + 0.5) * ${step}) as created_at,
    '${reviewer}'::text as reviewer, h.h1, h.h13, k.*
  from generate_series(${s.first}::bigint, ${s.first + s.count - 1}::bigint) as g(i),
  lateral (select ${h(1)} as h1, ${h(2)} as h2, ${h(3)} as h3, ${h(4)} as h4, ${h(5)} as h5, ${h(6)} as h6, ${h(7)} as h7,
                  ${h(8)} as h8, ${h(9)} as h9, ${h(10)} as h10, ${h(11)} as h11, ${h(12)} as h12, ${h(13)} as h13) h,
  lateral (select
    case when h.h1 % 100 < 90 then 'ALLOW' when h.h1 % 100 < 97 then 'REVIEW' else 'BLOCK' end as decision,
    case when h.h1 % 100 < 90 then h.h2 % 50 when h.h1 % 100 < 97 then 50 + h.h2 % 30 else 80 + h.h2 % 21 end::int as score,
    h.h1 % 100 >= 90 and h.h3 % 10 < 8 as common_rule,
    h.h1 % 100 >= 90 and h.h3 % 10 = 8 as medium_rule,
    h.h4 % ${rareEvery} = 0 as rare_rule,
    case when h.h6 % 1000 < 5 then '${v.ip.hot}' when h.h6 % 1000 < 7 then '203.0.113.8' when h.h6 % 1000003 = 17 then '${v.ip.rare}'
         else '10.' || (h.h6 / 1000 % 200000) / 65536 || '.' || (h.h6 / 1000 % 200000) / 256 % 256 || '.' || (h.h6 / 1000 % 200000) % 256 end as ip,
    case when h.h7 % 1000 < 3 then '${v.email.hot}' when h.h7 % 1000003 = 17 then '${v.email.rare}' else 'buyer' || (h.h7 / 1000 % 300000) || '@example.com' end as email,
    case when h.h8 % 1000 < 1 then '${v.cardFingerprint.hot}' when h.h8 % 1000003 = 17 then '${v.cardFingerprint.rare}' else 'fp_' || (h.h8 / 1000 % 500000) end as card_fingerprint,
    case when h.h9 % 100 < 5 then '${v.bin.hot}' when h.h9 % 1000003 = 17 then '${v.bin.rare}' else (410000 + (h.h9 / 1000 % 2000) * 13)::text end as card_bin,
    case when h.h10 % 100 < 20 then null when h.h10 / 100 % 10000 < 5 then '${v.customerId.hot}' when h.h10 % 1000003 = 17 then '${v.customerId.rare}' else 'cus_' || (h.h10 / 1000 % 400000) end as customer_id,
    case when h.h11 % 100 < 25 then null when h.h11 / 100 % 10000 < 5 then '${v.deviceId.hot}' when h.h11 % 1000003 = 17 then '${v.deviceId.rare}' else 'dev_' || (h.h11 / 1000 % 300000) end as device_id,
    case when h.h12 % 1000 = 0 then ${v.amount.high} + h.h12 / 1000 % 4000000
         else 100 + round(power((h.h12 / 1000 % 1000000) / 1e6, 2) * 499900) end::bigint as amount,
    (array['EUR','EUR','EUR','EUR','EUR','EUR','EUR','USD','USD','GBP'])[1 + h.h2 / 100 % 10] as currency,
    lpad((h.h8 % 10000)::text, 4, '0') as card_last4,
    (array['FR','DE','US','GB','ES'])[1 + h.h8 / 7 % 5] as card_country,
    case when h.h5 % 100 < 6 then 'declined' else 'authorized' end as auth_status,
    case when h.h5 % 100 < 6 then (array['insufficient_funds','do_not_honor','stolen_card'])[1 + h.h5 / 100 % 3] end as decline_code,
    -- Reviewed: most REVIEW rows of past days, a third of today's; the rest wait in the queue.
    h.h1 % 100 between 90 and 96 and h.h13 % 100 < (case when ${s.fromMs / 1000} + (g.i - ${s.first}) * ${step} < ${todayStart} then 80 else 30 end) as reviewed,
    case when h.h13 / 100 % 10 < 7 then 'approved' else 'blocked' end as review_outcome
  ) k`;
}

/** One chunk: its parts' rows, oldest first, with reasons and reviews built from the hashes. */
function chunkSql(parts: { segment: TSegment; total: number }[]): string {
  const union = parts.map((p) => partSql(p.segment, p.total)).join('\n  union all\n');
  const rule = (code: string, message: string, observed: string, threshold: number, action: string) =>
    `jsonb_build_object('code', '${code}', 'message', ${message}, 'ruleId', 'seed-${code}', 'observed', ${observed}, 'threshold', ${threshold}, 'action', '${action}', 'mode', 'active')`;
  return `
insert into detections (organization_id, external_id, amount, currency, email, ip, customer_id, device_id, card_fingerprint, card_bin,
  card_last4, card_country, auth_status, decline_code, score, risk_level, decision, reasons,
  review_status, reviewed_by, reviewed_at, review_verdict, created_at)
select organization_id, external_id, amount, currency, email, ip, customer_id, device_id, card_fingerprint, card_bin,
  card_last4, card_country, auth_status, decline_code, score,
  case decision when 'ALLOW' then 'low' when 'REVIEW' then 'medium' else 'high' end, decision,
  jsonb_build_array(jsonb_build_object('code', 'score_threshold', 'message', 'Score ' || score || ' against review 50 / block 80'))
    || case when common_rule then jsonb_build_array(${rule('ip_attempts_30m', `(6 + h1 % 9) || ' attempts from IP ' || ip || ' in 30 min > 5'`, '6 + h1 % 9', 5, 'REVIEW')}) else '[]'::jsonb end
    || case when medium_rule then jsonb_build_array(${rule('card_declines_24h', `(4 + h1 % 5) || ' declines on card ' || card_fingerprint || ' in 24 h > 3'`, '4 + h1 % 5', 3, 'BLOCK')}) else '[]'::jsonb end
    || case when rare_rule then jsonb_build_array(${rule('bin_attempts_10m', `(31 + h1 % 20) || ' attempts on BIN ' || card_bin || ' in 10 min > 30'`, '31 + h1 % 20', 30, 'SCORE')}) else '[]'::jsonb end,
  case when reviewed then review_outcome end,
  case when reviewed then reviewer end,
  case when reviewed then least(created_at + make_interval(mins => (1 + h13 % 120)::int), now()) end,
  case when reviewed then (case review_outcome when 'approved' then 'genuine' else 'fraud' end) end,
  created_at
from (${union}
) x
order by created_at`;
}

/**
 * The chunks of a whole seed: the 30 days before today, then today, each cut
 * into time slices of about CHUNK_ROWS rows (all orgs together).
 */
export function planChunks(orgs: TSeedOrg[], nowMs: number): string[] {
  const midnight = midnightUtc(nowMs);
  const periods = [
    { fromMs: midnight - 30 * DAY_MS, toMs: midnight, rows: (o: TSeedOrg) => o.older, offset: () => 0 },
    { fromMs: midnight, toMs: nowMs, rows: (o: TSeedOrg) => o.today, offset: (o: TSeedOrg) => o.older },
  ];
  const chunks: string[] = [];
  for (const period of periods) {
    const total = orgs.reduce((n, o) => n + period.rows(o), 0);
    const slices = Math.max(1, Math.ceil(total / CHUNK_ROWS));
    for (let c = 0; c < slices; c++) {
      const parts = orgs.flatMap((org, salt) => {
        const rows = period.rows(org);
        const a = Math.floor((rows * c) / slices);
        const b = Math.floor((rows * (c + 1)) / slices);
        if (b <= a) return [];
        const span = (period.toMs - period.fromMs) / rows;
        const segment: TSegment = { org, salt: salt + 1, first: period.offset(org) + a, count: b - a, fromMs: period.fromMs + a * span, toMs: period.fromMs + b * span };
        return [{ segment, total: org.older + org.today }];
      });
      if (parts.length) chunks.push(chunkSql(parts));
    }
  }
  return chunks;
}

/** Writes the chunks one statement (one commit) at a time; prints the rate as it goes. */
export async function seedDetections(sql: Sql, orgs: TSeedOrg[], progress: (m: string) => void): Promise<TSeedResult> {
  const chunks = planChunks(orgs, Date.now());
  const total = orgs.reduce((n, o) => n + o.older + o.today, 0);
  const started = performance.now();
  let written = 0;
  for (const [i, chunk] of chunks.entries()) {
    const t = performance.now();
    const rows = await sql.begin(async (tx) => {
      // The chunk's sort stays in memory.
      await tx.unsafe(`set local work_mem = '256MB'`);
      const result = await tx.unsafe(chunk);
      return result.count;
    });
    written += rows;
    const s = (performance.now() - t) / 1000;
    progress(`seed: chunk ${i + 1}/${chunks.length}, ${rows.toLocaleString('en-US')} rows in ${s.toFixed(1)} s (${Math.round(rows / s).toLocaleString('en-US')}/s); ${written.toLocaleString('en-US')} of ${total.toLocaleString('en-US')}`);
  }
  const seconds = (performance.now() - started) / 1000;
  return { rows: written, seconds: Math.round(seconds * 10) / 10, rowsPerSecond: Math.round(written / seconds), chunks: chunks.length };
}
