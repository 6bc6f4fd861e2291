import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { withOrgTransaction } from '@/lib/db';
import { processState } from '@/lib/process-state';
import { attacks, type TAttackRow } from '@/db/schema';
import type { TAttackConfig } from './config';
import { decideOpenIncident, needsBaseline, openingTrigger, type TBaseline, type TWindowSignals } from './decide';
import { findOpenAttackRow } from './find';
import { toAttack, type TAttack, type TTopEntry } from './schema';
import { readBaseline, readIncidentCounters, readWindowSignals, type TIncidentCounters } from './signals';

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
    if (open) return evaluateOpen({ db, orgId, config, open, recent: window.recent });
    return evaluateQuiet({ db, orgId, config, window });
  });
}

type TCtx = { db: Executor; orgId: string; config: TAttackConfig };

async function evaluateQuiet({ db, orgId, config, window }: TCtx & { window: TWindowSignals & { firstAt: string | null } }): Promise<TEvaluation> {
  if (window.attempts < config.minAttempts || !window.firstAt) return { outcome: 'quiet' };
  const baseline = needsBaseline(window, config) ? await cachedBaseline(db, orgId, config) : null;
  const trigger = openingTrigger(window, baseline, config);
  if (!trigger) return { outcome: 'quiet' };
  // The incident starts at the window's first attempt, so its counters include what triggered it.
  const counters = await readIncidentCounters({ db, orgId, config, startedAt: window.firstAt });
  const [row] = await db
    .insert(attacks)
    .values({
      organizationId: orgId,
      status: 'open',
      startedAt: sql`${window.firstAt}::timestamptz`,
      lastAttemptAt: sql`${counters.lastAttemptAt ?? window.firstAt}::timestamptz`,
      ...counterColumns(counters),
      trigger,
    })
    .returning();
  return { outcome: 'opened', attack: toAttack(row) };
}

async function evaluateOpen({ db, orgId, config, open, recent }: TCtx & { open: { row: TAttackRow; msSinceUpdate: number }; recent: number }): Promise<TEvaluation> {
  const action = decideOpenIncident({ recent, msSinceUpdate: open.msSinceUpdate }, config);
  if (action === 'wait') return { outcome: 'unchanged', attack: toAttack(open.row) };
  const counters = await readIncidentCounters({ db, orgId, config, startedAt: open.row.startedAt });
  if (action === 'update' && sameCounters(open.row, counters)) return { outcome: 'unchanged', attack: toAttack(open.row) };
  const [row] = await db
    .update(attacks)
    .set({
      ...counterColumns(counters),
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
