import { and, desc, eq, inArray, or, sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { attacks } from '@/db/schema';
import { toAttack, type TAttack } from './schema';

/** Newest first, at most 50: the incident list of GET /api/v1/attacks. */
export const ATTACKS_PAGE_SIZE = 50;

export async function findAttacks(options: { db: Executor; orgId: string; status?: TAttack['status'] }): Promise<TAttack[]> {
  const rows = await options.db
    .select()
    .from(attacks)
    .where(and(eq(attacks.organizationId, options.orgId), options.status ? eq(attacks.status, options.status) : undefined))
    .orderBy(desc(attacks.startedAt))
    .limit(ATTACKS_PAGE_SIZE);
  return rows.map(toAttack);
}

/** The org's open incident (the newest, should two ever exist), or null. */
export async function getOpenAttack(options: { db: Executor; orgId: string }): Promise<TAttack | null> {
  return (await findOpenAttackRow(options))?.attack ?? null;
}

/** The open incident with what the detector needs besides: its version and how long since its counters moved. */
export async function findOpenAttackRow(options: { db: Executor; orgId: string }) {
  const [r] = await options.db
    .select({ row: attacks, msSinceUpdate: sql<string>`extract(epoch from now() - ${attacks.updatedAt}) * 1000` })
    .from(attacks)
    .where(and(eq(attacks.organizationId, options.orgId), eq(attacks.status, 'open')))
    .orderBy(desc(attacks.startedAt))
    .limit(1);
  return r ? { row: r.row, attack: toAttack(r.row), msSinceUpdate: Number(r.msSinceUpdate) } : null;
}

/** An incident as the stream's poller reads it: the public shape and the version that says it changed. */
export type TFeedAttack = { attack: TAttack; version: number };

/**
 * What the stream's poller compares each tick: incidents open or ended in the
 * last minute, plus the ones it still believes open (however long ago they ended).
 */
export async function readFeedAttacks(options: { db: Executor; orgId: string; knownOpenIds: string[] }): Promise<TFeedAttack[]> {
  const rows = await options.db
    .select()
    .from(attacks)
    .where(
      and(
        eq(attacks.organizationId, options.orgId),
        or(
          eq(attacks.status, 'open'),
          sql`${attacks.endedAt} > now() - interval '1 minute'`,
          options.knownOpenIds.length ? inArray(attacks.id, options.knownOpenIds) : undefined,
        ),
      ),
    )
    .orderBy(attacks.startedAt);
  return rows.map((row) => ({ attack: toAttack(row), version: row.version }));
}
