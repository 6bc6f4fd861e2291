import type { Executor } from '@/db/client';
import { findRecentlyEndedAttack } from '@/lib/attacks/detail';
import { getOpenAttack } from '@/lib/attacks/find';
import type { TAttack } from '@/lib/attacks/schema';
import { countPendingReviews, readCounts, sumCounts } from '@/lib/rollups';
import { getDecisionTimeline, type TTimelineBucket } from './timeline';

export type TStats = {
  today: { total: number; allowed: number; review: number; blocked: number; since: string };
  /** The 60 minutes of `timeline`: 59 whole minutes and the current one. */
  lastHour: { total: number; blocked: number; perMinute: number };
  /** 60 UTC minutes, oldest first, the last one partial (see timeline.ts). */
  timeline: TTimelineBucket[];
  /** REVIEW detections waiting for an analyst. */
  pendingReviews: number;
  /** The org's open card-testing incident, or null. */
  attack: TAttack | null;
  /** While none is open: the incident that ended in the last 30 minutes, for the dashboard's summary; else null. */
  lastAttack: TAttack | null;
  generatedAt: string;
};

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

/**
 * Dashboard counters. "Today" starts at 00:00 UTC (documented in the README).
 * Every count comes from the rollups plus the rows past their cursor
 * (lib/rollups/read.ts): exact, and as cheap for a million detections a day
 * as for ten.
 */
export async function getStats(options: { db: Executor; orgId: string }): Promise<TStats> {
  const { db, orgId } = options;
  const now = new Date();
  const since = new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS);
  // One after the other: all run on the request's single RLS transaction.
  const [today] = await readCounts({ db, orgId, grain: 'hour', stepSeconds: DAY_MS / 1000, from: since, to: new Date(since.getTime() + DAY_MS) });
  const pendingReviews = await countPendingReviews({ db, orgId });
  const timeline = await getDecisionTimeline({ db, orgId, now });
  const attack = await getOpenAttack(options);
  const lastAttack = attack ? null : await findRecentlyEndedAttack(options);
  const hour = sumCounts(timeline.map((t) => ({ ...t, total: t.allow + t.review + t.block, pending: 0, approved: 0, rejected: 0 })));
  return {
    today: {
      total: today?.total ?? 0,
      allowed: today?.allow ?? 0,
      review: today?.review ?? 0,
      blocked: today?.block ?? 0,
      since: since.toISOString(),
    },
    lastHour: { total: hour.total, blocked: hour.block, perMinute: Math.round((hour.total / 60) * 10) / 10 },
    timeline,
    pendingReviews,
    attack,
    lastAttack,
    generatedAt: now.toISOString(),
  };
}
