import { sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { findRecentlyEndedAttack } from '@/lib/attacks/detail';
import { getOpenAttack } from '@/lib/attacks/find';
import type { TAttack } from '@/lib/attacks/schema';
import { getDecisionTimeline, type TTimelineBucket } from './timeline';

export type TStats = {
  today: { total: number; allowed: number; review: number; blocked: number; since: string };
  lastHour: { total: number; blocked: number; perMinute: number };
  /** 60 UTC minutes, oldest first, the last one partial (see timeline.ts). */
  timeline: TTimelineBucket[];
  /** The org's open card-testing incident, or null. */
  attack: TAttack | null;
  /** While none is open: the incident that ended in the last 30 minutes, for the dashboard's summary; else null. */
  lastAttack: TAttack | null;
  generatedAt: string;
};

/** Dashboard counters. "Today" starts at 00:00 UTC (documented in the README). */
export async function getStats(options: { db: Executor; orgId: string }): Promise<TStats> {
  // One after the other: both run on the request's single RLS transaction.
  const r = (await countRows(options))[0];
  const timeline = await getDecisionTimeline(options);
  const attack = await getOpenAttack(options);
  const lastAttack = attack ? null : await findRecentlyEndedAttack(options);
  const hourTotal = Number(r.hour_total);
  return {
    today: {
      total: Number(r.total),
      allowed: Number(r.allowed),
      review: Number(r.review),
      blocked: Number(r.blocked),
      since: new Date(r.since as string).toISOString(),
    },
    lastHour: { total: hourTotal, blocked: Number(r.hour_blocked), perMinute: Math.round((hourTotal / 60) * 10) / 10 },
    timeline,
    attack,
    lastAttack,
    generatedAt: new Date().toISOString(),
  };
}

async function countRows(options: { db: Executor; orgId: string }) {
  return (await options.db.execute(sql`
    select
      count(*) filter (where created_at >= date_trunc('day', now() at time zone 'utc') at time zone 'utc')::int as total,
      count(*) filter (where decision = 'ALLOW' and created_at >= date_trunc('day', now() at time zone 'utc') at time zone 'utc')::int as allowed,
      count(*) filter (where decision = 'REVIEW' and created_at >= date_trunc('day', now() at time zone 'utc') at time zone 'utc')::int as review,
      count(*) filter (where decision = 'BLOCK' and created_at >= date_trunc('day', now() at time zone 'utc') at time zone 'utc')::int as blocked,
      count(*) filter (where created_at >= now() - interval '1 hour')::int as hour_total,
      count(*) filter (where decision = 'BLOCK' and created_at >= now() - interval '1 hour')::int as hour_blocked,
      (date_trunc('day', now() at time zone 'utc') at time zone 'utc') as since
    from detections
    where organization_id = ${options.orgId}
      and created_at >= least(date_trunc('day', now() at time zone 'utc') at time zone 'utc', now() - interval '1 hour')
  `)) as unknown as Record<string, number | string | Date>[];
}
