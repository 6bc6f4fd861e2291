import { sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import type { TAttackConfig } from './config';
import type { TBaseline, TWindowSignals } from './decide';
import type { TTopEntry } from './schema';

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
 * one). `recent` counts the last `quietSeconds` whatever the incidents.
 */
export async function readWindowSignals(options: TOrg & { config: TAttackConfig }): Promise<TWindowSignals & { firstAt: string | null }> {
  const { db, orgId, config } = options;
  const [r] = (await db.execute(sql`
    with w as (
      select ip, card_fingerprint as fp, card_bin as bin, auth_status, decision, created_at
      from detections
      where organization_id = ${orgId}
        and created_at > greatest(
          now() - make_interval(secs => ${config.windowSeconds}),
          coalesce((select max(ended_at) from attacks where organization_id = ${orgId} and status = 'closed'), '-infinity')
        )
    )
    select
      (select count(*) from w)::int as attempts,
      (select count(*) from w where auth_status = 'declined')::int as declined,
      (select count(*) from detections
        where organization_id = ${orgId} and created_at > now() - make_interval(secs => ${config.quietSeconds}))::int as recent,
      (select min(created_at)::text from w) as first_at,
      (select json_build_object('value', ip, 'cards', n) from (
         select ip, count(distinct fp)::int as n from w where ip is not null and fp is not null group by ip order by n desc, ip limit 1
       ) t) as top_ip,
      (select json_build_object('value', bin, 'cards', n, 'attempts', a, 'failed', f) from (
         select bin, count(distinct fp)::int as n, count(*)::int as a,
           count(*) filter (where auth_status = 'declined' or decision = 'BLOCK')::int as f
         from w where bin is not null and fp is not null group by bin order by n desc, bin limit 1
       ) t) as top_bin
  `)) as unknown as { attempts: number; declined: number; recent: number; first_at: string | null; top_ip: TWindowSignals['topIp']; top_bin: TWindowSignals['topBin'] }[];
  return {
    attempts: r.attempts,
    declined: r.declined,
    recent: r.recent,
    firstAt: r.first_at,
    topIp: r.top_ip,
    topBin: r.top_bin,
  };
}

/** The org's usual decline ratio: the previous `baselineHours`, the detection window excluded. */
export async function readBaseline(options: TOrg & { config: TAttackConfig }): Promise<TBaseline> {
  const { db, orgId, config } = options;
  const [r] = (await db.execute(sql`
    select count(*)::int as attempts, count(*) filter (where auth_status = 'declined')::int as declined
    from detections
    where organization_id = ${orgId}
      and created_at > now() - make_interval(hours => ${config.baselineHours})
      and created_at <= now() - make_interval(secs => ${config.windowSeconds})
  `)) as unknown as TBaseline[];
  return { attempts: r.attempts, declined: r.declined };
}

export type TIncidentCounters = {
  attempts: number;
  declined: number;
  blocked: number;
  distinctCards: number;
  attemptsPerMinute: number;
  lastAttemptAt: string | null;
  topIps: TTopEntry[];
  topBins: TTopEntry[];
  topCards: TTopEntry[];
};

/** An incident's counters: every attempt since it started, the last minute's rate, and the top IPs, BINs and cards. */
export async function readIncidentCounters(options: TOrg & { config: TAttackConfig; startedAt: TPgTime }): Promise<TIncidentCounters> {
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
      where organization_id = ${orgId} and created_at >= ${pgTime(options.startedAt)}::timestamptz
    )
    select
      (select count(*) from a)::int as attempts,
      (select count(*) from a where auth_status = 'declined')::int as declined,
      (select count(*) from a where decision = 'BLOCK')::int as blocked,
      (select count(distinct card_fingerprint) from a)::int as distinct_cards,
      (select count(*) from a where created_at > now() - interval '1 minute')::int as per_minute,
      (select max(created_at)::text from a) as last_attempt_at,
      ${top('ip')} as top_ips,
      ${top('card_bin')} as top_bins,
      ${top('card_fingerprint')} as top_cards
  `)) as unknown as {
    attempts: number; declined: number; blocked: number; distinct_cards: number; per_minute: number;
    last_attempt_at: string | null; top_ips: TTopEntry[]; top_bins: TTopEntry[]; top_cards: TTopEntry[];
  }[];
  return {
    attempts: r.attempts,
    declined: r.declined,
    blocked: r.blocked,
    distinctCards: r.distinct_cards,
    attemptsPerMinute: r.per_minute,
    lastAttemptAt: r.last_attempt_at,
    topIps: r.top_ips,
    topBins: r.top_bins,
    topCards: r.top_cards,
  };
}
