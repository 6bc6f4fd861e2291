import { and, desc, eq, sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { withOrgTransaction } from '@/lib/db';
import { processState } from '@/lib/process-state';
import { attacks, type TAttackRow } from '@/db/schema';
import { indicatorsAtOpening, mergeIndicators, recentAttributed, sameAttack, sameIndicators, type TSuspects } from './attribution';
import type { TAttackConfig } from './config';
import { baselineRatio, decideOpenIncident, needsBaseline, openingTrigger, type TBaseline, type TWindowSignals } from './decide';
import { findOpenAttackRow } from './find';
import { toAttack, toIndicators, type TAttack, type TAttackIndicators, type TAttackTrigger, type TTopEntry } from './schema';
import { readBaseline, readIncidentCounters, readWindowSignals, type TIncidentCounters } from './signals';
import { queueAttackWebhook } from '@/lib/webhooks/queue';

/** What one evaluation did. `busy`: another evaluation of the org held the lock. */
export type TEvaluation =
  | { outcome: 'busy' }
  | { outcome: 'quiet' }
  | { outcome: 'opened' | 'updated' | 'closed' | 'unchanged'; attack: TAttack };

// The baseline is a 24 h scan: read it at most once a minute per org, and only
// while the window looks suspicious (decide.ts needsBaseline).
const baselines = processState('attacks.baselines', () => new Map<string, { at: number; baseline: TBaseline }>());

async function cachedBaseline(db: Executor, orgId: string, config: TAttackConfig): Promise<TBaseline> {
  const hit = baselines.get(orgId);
  if (hit && Date.now() - hit.at < config.baselineCacheMs) return hit.baseline;
  const baseline = await readBaseline({ db, orgId, config });
  if (baselines.size > 10_000) baselines.clear();
  baselines.set(orgId, { at: Date.now(), baseline });
  return baseline;
}

/**
 * Evaluates one org: opens an incident, refreshes or closes the open one.
 * Runs in the org's RLS transaction under a transaction-scoped advisory lock,
 * so several instances evaluating the same org never open two incidents.
 */
export async function evaluateAttack(options: { orgId: string; config: TAttackConfig }): Promise<TEvaluation> {
  const { orgId, config } = options;
  return withOrgTransaction(orgId, async (db) => {
    // Pipelined (one round trip). The statements run in order, so both reads
    // happen after the lock is taken; without it their answers are dropped.
    const [[lock], open, window] = await Promise.all([
      db.execute(sql`select pg_try_advisory_xact_lock(hashtext('orylo.attacks'), hashtext(${orgId})) as locked`) as unknown as Promise<{ locked: boolean }[]>,
      findOpenAttackRow({ db, orgId }),
      readWindowSignals({ db, orgId, config }),
    ]);
    if (!lock.locked) return { outcome: 'busy' };
    const result = open
      ? await evaluateOpen({ db, orgId, config, open, suspects: window.suspects, notBefore: window.lastClosedEnd })
      : await evaluateQuiet({ db, orgId, config, window });
    // attack.started / attack.ended, queued with the incident's change.
    if (result.outcome === 'opened' || result.outcome === 'closed') await queueAttackWebhook({ db, orgId, opened: result.outcome === 'opened', attack: result.attack });
    return result;
  });
}

type TCtx = { db: Executor; orgId: string; config: TAttackConfig };
type TWindow = TWindowSignals & { windowStart: string; lastClosedEnd: string | null; suspects: TSuspects };

async function evaluateQuiet({ db, orgId, config, window }: TCtx & { window: TWindow }): Promise<TEvaluation> {
  if (window.attempts < config.minAttempts) return { outcome: 'quiet' };
  const baseline = needsBaseline(window, config) ? await cachedBaseline(db, orgId, config) : null;
  const trigger = openingTrigger(window, baseline, config);
  if (!trigger) return { outcome: 'quiet' };
  const indicators = indicatorsAtOpening(window.suspects, trigger);
  const resumed = await resumeRecent({ db, orgId, config, indicators, trigger });
  if (resumed) return resumed;
  // The incident starts at its first attributed attempt of the window, not at the shop's first shopper.
  const counters = await readIncidentCounters({ db, orgId, config, since: window.windowStart, indicators });
  if (!counters.firstAttemptAt) return { outcome: 'quiet' };
  const [row] = await db
    .insert(attacks)
    .values({
      organizationId: orgId,
      status: 'open',
      startedAt: sql`${counters.firstAttemptAt}::timestamptz`,
      lastAttemptAt: sql`${counters.lastAttemptAt ?? counters.firstAttemptAt}::timestamptz`,
      ...counterColumns(counters),
      trigger,
      indicators,
    })
    .returning();
  return { outcome: 'opened', attack: toAttack(row) };
}

/**
 * The same attack back soon after its incident closed (attribution.ts
 * sameAttack, within resumeWithinSeconds): that incident opens again,
 * keeps its start and its counts, and says when it resumed. Anything else is
 * a new incident.
 */
async function resumeRecent({ db, orgId, config, indicators, trigger }: TCtx & { indicators: TAttackIndicators; trigger: TAttackTrigger }): Promise<TEvaluation | null> {
  const [last] = await db
    .select()
    .from(attacks)
    .where(and(eq(attacks.organizationId, orgId), eq(attacks.status, 'closed'), sql`${attacks.endedAt} > now() - make_interval(secs => ${config.resumeWithinSeconds})`))
    .orderBy(desc(attacks.endedAt))
    .limit(1);
  if (!last || !sameAttack(toIndicators(last.indicators), indicators, trigger)) return null;
  const merged = mergeIndicators(toIndicators(last.indicators), indicators, config);
  const counters = await readIncidentCounters({ db, orgId, config, since: last.startedAt, indicators: merged });
  const [row] = await db
    .update(attacks)
    .set({
      status: 'open',
      endedAt: null,
      resumedAt: sql`now()`,
      indicators: merged,
      ...counterColumns(counters),
      ...(counters.lastAttemptAt ? { lastAttemptAt: sql`${counters.lastAttemptAt}::timestamptz` } : {}),
      version: sql`${attacks.version} + 1`,
      updatedAt: sql`now()`,
    })
    .where(and(eq(attacks.organizationId, orgId), eq(attacks.id, last.id)))
    .returning();
  return { outcome: 'opened', attack: toAttack(row) };
}

async function evaluateOpen({
  db, orgId, config, open, suspects, notBefore,
}: TCtx & { open: { row: TAttackRow; msSinceUpdate: number }; suspects: TSuspects; notBefore: string | null }): Promise<TEvaluation> {
  // Rewritten less than updateIntervalMs ago: nothing to do yet. Under attack the detector runs
  // about once a second, and the counters' read grows with the incident; a close waits at most this long.
  if (open.msSinceUpdate < config.updateIntervalMs) return { outcome: 'unchanged', attack: toAttack(open.row) };
  const stored = toIndicators(open.row.indicators);
  const indicators = mergeIndicators(stored, suspects, config);
  // An IP or device that joins may have tried its first cards before the incident opened (it had
  // too few then to be a suspect): look one detection window further back, and start there, but
  // never into another incident's time (notBefore: the last closed one's end).
  const lookback = { seconds: config.windowSeconds, notBefore };
  const counters = await readIncidentCounters({ db, orgId, config, since: open.row.startedAt, lookback, indicators });
  const recent = recentAttributed(indicators, counters.recent, incidentBaselineRatio(open.row.trigger, config));
  const action = decideOpenIncident({ recent, msSinceUpdate: open.msSinceUpdate }, config);
  if (action === 'wait') return { outcome: 'unchanged', attack: toAttack(open.row) };
  if (action === 'update' && sameCounters(open.row, counters) && sameIndicators(stored, indicators)) return { outcome: 'unchanged', attack: toAttack(open.row) };
  const [row] = await db
    .update(attacks)
    .set({
      ...counterColumns(counters),
      indicators,
      ...(counters.firstAttemptAt ? { startedAt: sql`least(${attacks.startedAt}, ${counters.firstAttemptAt}::timestamptz)` } : {}),
      ...(counters.lastAttemptAt ? { lastAttemptAt: sql`${counters.lastAttemptAt}::timestamptz` } : {}),
      ...(action === 'close' ? { status: 'closed', endedAt: sql`now()` } : {}),
      version: sql`${attacks.version} + 1`,
      updatedAt: sql`now()`,
    })
    .where(and(eq(attacks.organizationId, orgId), eq(attacks.id, open.row.id), eq(attacks.status, 'open')))
    .returning();
  if (!row) return { outcome: 'unchanged', attack: toAttack(open.row) };
  return { outcome: action === 'close' ? 'closed' : 'updated', attack: toAttack(row) };
}

/** The usual decline share the incident was measured against when it opened (the decline pattern's closing rule). */
function incidentBaselineRatio(trigger: unknown, config: TAttackConfig): number {
  const signal = (trigger as Partial<TAttackTrigger>).signals?.find((s) => s.kind === 'decline_ratio');
  return signal && signal.kind === 'decline_ratio' ? signal.baseline : baselineRatio({ attempts: 0, declined: 0 }, config);
}

function counterColumns(c: TIncidentCounters) {
  return {
    attempts: c.attempts,
    declined: c.declined,
    blocked: c.blocked,
    distinctCards: c.distinctCards,
    attemptsPerMinute: c.attemptsPerMinute,
    topIps: c.topIps,
    topBins: c.topBins,
    topCards: c.topCards,
  };
}

function sameCounters(row: TAttackRow, c: TIncidentCounters): boolean {
  return (
    row.attempts === c.attempts &&
    row.declined === c.declined &&
    row.blocked === c.blocked &&
    row.distinctCards === c.distinctCards &&
    row.attemptsPerMinute === c.attemptsPerMinute &&
    sameTop(row.topIps, c.topIps) &&
    sameTop(row.topBins, c.topBins) &&
    sameTop(row.topCards, c.topCards)
  );
}

// jsonb reorders object keys: compare the fields, not the serialisation.
function sameTop(stored: unknown, fresh: TTopEntry[]): boolean {
  const key = (list: TTopEntry[]) => JSON.stringify(list.map((e) => [e.value, e.attempts, e.blocked, e.review, e.allowed]));
  return key(stored as TTopEntry[]) === key(fresh);
}
