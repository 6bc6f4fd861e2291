import { sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { attributedSql, type TSuspects } from './attribution';
import type { TAttackConfig } from './config';
import type { TBaseline, TWindowSignals } from './decide';
import type { TAttackIndicators, TTopEntry } from './schema';

// The detector's reads, each one statement over the org's detections (index
// detections_org_created_idx and friends), measured on the database's clock.

type TOrg = { db: Executor; orgId: string };

/**
 * A database time: PostgreSQL's own text (microseconds kept, so an incident
 * that starts at its first attempt counts that attempt), or a Date read back
 * by Drizzle (milliseconds, rounded down: still at or before the attempt).
 */
export type TPgTime = string | Date;
const pgTime = (t: TPgTime) => (typeof t === 'string' ? t : t.toISOString());

/**
 * The detection window: the last `windowSeconds`, but never before the end of
 * the org's last closed incident (attempts it covered do not open the next
 * one). Besides the opening signals, the window's suspects: IPs and devices
 * that tried many cards, IPs that failed again and again, BINs whose many
 * cards mostly failed.
 */
export async function readWindowSignals(
  options: TOrg & { config: TAttackConfig },
): Promise<TWindowSignals & { windowStart: string; lastClosedEnd: string | null; suspects: TSuspects }> {
  const { db, orgId, config } = options;
  const suspects = (column: string, having: ReturnType<typeof sql>) => sql`
    (select coalesce(json_agg(v), '[]'::json) from (
       select ${sql.raw(column)} as v from w where ${sql.raw(column)} is not null
       group by 1 having ${having} order by count(*) desc, 1 limit ${config.maxIndicators}
     ) t)`;
  const [r] = (await db.execute(sql`
    with bounds as (
      select greatest(
        now() - make_interval(secs => ${config.windowSeconds}),
        coalesce((select max(ended_at) from attacks where organization_id = ${orgId} and status = 'closed'), '-infinity')
      ) as start
    ), w as (
      select ip, device_id, card_fingerprint as fp, card_bin as bin, auth_status, decision, created_at,
        (auth_status = 'declined' or decision = 'BLOCK') as failed
      from detections
      where organization_id = ${orgId} and created_at > (select start from bounds)
    )
    select
      (select start::text from bounds) as window_start,
      (select max(ended_at)::text from attacks where organization_id = ${orgId} and status = 'closed') as last_closed_end,
      (select count(*) from w)::int as attempts,
      (select count(*) from w where auth_status = 'declined')::int as declined,
      (select json_build_object('value', ip, 'cards', n) from (
         select ip, count(distinct fp)::int as n from w where ip is not null and fp is not null group by ip order by n desc, ip limit 1
       ) t) as top_ip,
      (select json_build_object('value', bin, 'cards', n, 'attempts', a, 'failed', f) from (
         select bin, count(distinct fp)::int as n, count(*)::int as a, count(*) filter (where failed)::int as f
         from w where bin is not null and fp is not null group by bin order by n desc, bin limit 1
       ) t) as top_bin,
      ${suspects('ip', sql`count(distinct fp) >= ${config.ipDistinctCards} or count(*) filter (where failed) >= ${config.ipFailedAttempts}`)} as suspect_ips,
      ${suspects('device_id', sql`count(distinct fp) >= ${config.ipDistinctCards}`)} as suspect_devices,
      ${suspects('bin', sql`count(distinct fp) >= ${config.binDistinctCards} and count(*) filter (where failed) >= ${config.minDeclineRatio}::float8 * count(*) and count(*) filter (where failed) >= ${config.binMinFailed}`)} as suspect_bins
  `)) as unknown as {
    window_start: string; last_closed_end: string | null; attempts: number; declined: number; top_ip: TWindowSignals['topIp']; top_bin: TWindowSignals['topBin'];
    suspect_ips: string[]; suspect_devices: string[]; suspect_bins: string[];
  }[];
  return {
    windowStart: r.window_start,
    lastClosedEnd: r.last_closed_end,
    attempts: r.attempts,
    declined: r.declined,
    topIp: r.top_ip,
    topBin: r.top_bin,
    suspects: { ips: r.suspect_ips, devices: r.suspect_devices, bins: r.suspect_bins },
  };
}

/** The org's usual decline ratio: the previous `baselineHours`, the detection window and earlier incidents excluded. */
export async function readBaseline(options: TOrg & { config: TAttackConfig }): Promise<TBaseline> {
  const { db, orgId, config } = options;
  const [r] = (await db.execute(sql`
    select count(*)::int as attempts, count(*) filter (where auth_status = 'declined')::int as declined
    from detections
    where organization_id = ${orgId}
      and created_at > now() - make_interval(hours => ${config.baselineHours})
      and created_at <= now() - make_interval(secs => ${config.windowSeconds})
      and not exists (
        select 1 from attacks a
        where a.organization_id = ${orgId} and detections.created_at between a.started_at and coalesce(a.ended_at, now())
      )
  `)) as unknown as TBaseline[];
  return { attempts: r.attempts, declined: r.declined };
}

function sinceSql(since: TPgTime, lookback?: { seconds: number; notBefore: string | null }) {
  const start = sql`${pgTime(since)}::timestamptz`;
  if (!lookback) return sql`created_at >= ${start}`;
  return sql`(created_at >= ${start} or (created_at >= ${start} - make_interval(secs => ${lookback.seconds})
    and created_at > coalesce(${lookback.notBefore}::timestamptz, '-infinity')))`;
}

export type TIncidentCounters = {
  attempts: number;
  declined: number;
  blocked: number;
  distinctCards: number;
  attemptsPerMinute: number;
  firstAttemptAt: string | null;
  lastAttemptAt: string | null;
  /** The last `quietSeconds`: attributed attempts, and all of the org's (the decline pattern's closing rule needs both). */
  recent: { attributed: number; all: number };
  topIps: TTopEntry[];
  topBins: TTopEntry[];
  topCards: TTopEntry[];
};

/**
 * An incident's counters: its attributed attempts since `since`, the last
 * minute's rate, and the top IPs, BINs and cards. `lookback`: also up to this
 * long before `since`, but only after `notBefore` (the end of another
 * incident, whose attempts are not this one's).
 */
export async function readIncidentCounters(
  options: TOrg & { config: TAttackConfig; since: TPgTime; lookback?: { seconds: number; notBefore: string | null }; indicators: TAttackIndicators },
): Promise<TIncidentCounters> {
  const { db, orgId, config } = options;
  const top = (column: string) => sql`
    (select coalesce(json_agg(t), '[]'::json) from (
       select ${sql.raw(column)} as value, count(*)::int as attempts,
         count(*) filter (where decision = 'BLOCK')::int as blocked,
         count(*) filter (where decision = 'REVIEW')::int as review,
         count(*) filter (where decision = 'ALLOW')::int as allowed
       from a where ${sql.raw(column)} is not null
       group by 1 order by attempts desc, value limit ${config.topN}
     ) t)`;
  const [r] = (await db.execute(sql`
    with a as (
      select ip, card_fingerprint, card_bin, auth_status, decision, created_at
      from detections
      where organization_id = ${orgId} and ${sinceSql(options.since, options.lookback)} and ${attributedSql(options.indicators)}
    )
    select
      (select count(*) from a)::int as attempts,
      (select count(*) from a where auth_status = 'declined')::int as declined,
      (select count(*) from a where decision = 'BLOCK')::int as blocked,
      (select count(distinct card_fingerprint) from a)::int as distinct_cards,
      (select count(*) from a where created_at > now() - interval '1 minute')::int as per_minute,
      (select min(created_at)::text from a) as first_attempt_at,
      (select max(created_at)::text from a) as last_attempt_at,
      (select count(*) from a where created_at > now() - make_interval(secs => ${config.quietSeconds}))::int as recent_attributed,
      (select count(*) from detections
        where organization_id = ${orgId} and created_at > now() - make_interval(secs => ${config.quietSeconds}))::int as recent_all,
      ${top('ip')} as top_ips,
      ${top('card_bin')} as top_bins,
      ${top('card_fingerprint')} as top_cards
  `)) as unknown as {
    attempts: number; declined: number; blocked: number; distinct_cards: number; per_minute: number;
    first_attempt_at: string | null; last_attempt_at: string | null; recent_attributed: number; recent_all: number;
    top_ips: TTopEntry[]; top_bins: TTopEntry[]; top_cards: TTopEntry[];
  }[];
  return {
    attempts: r.attempts,
    declined: r.declined,
    blocked: r.blocked,
    distinctCards: r.distinct_cards,
    attemptsPerMinute: r.per_minute,
    firstAttemptAt: r.first_attempt_at,
    lastAttemptAt: r.last_attempt_at,
    recent: { attributed: r.recent_attributed, all: r.recent_all },
    topIps: r.top_ips,
    topBins: r.top_bins,
    topCards: r.top_cards,
  };
}
