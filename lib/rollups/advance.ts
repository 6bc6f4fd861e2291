import { sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';

/** Rows read per table and per call: small enough that a review never waits long on the follower's lock. */
export const ROLLUP_BATCH = 5_000;

/**
 * Adds the next detections and reviews (commit-safe order, across
 * organizations) to the rollups and moves the follower's cursor, atomically
 * (migration 0006, orylo_rollup_advance). `busy` when another instance's
 * follower holds the turn.
 */
export async function advanceRollups(options: { db: Executor; limit?: number }): Promise<{ detections: number; updates: number; busy: boolean }> {
  const rows = (await options.db.execute(
    sql`select detections, updates from orylo_rollup_advance(${options.limit ?? ROLLUP_BATCH})`,
  )) as unknown as { detections: number; updates: number }[];
  const r = rows[0];
  if (r.detections < 0) return { detections: 0, updates: 0, busy: true };
  return { detections: Number(r.detections), updates: Number(r.updates), busy: false };
}

/**
 * Whether the rollups already hold this detection. Called by a change to a
 * detection (a review) in its own transaction, just before it records the
 * change; the lock it takes keeps the answer true until that transaction ends.
 */
export async function isCountedByRollups(options: { db: Executor; txId: string; seq: number }): Promise<boolean> {
  const rows = (await options.db.execute(
    sql`select orylo_rollup_counted(${options.txId}::xid8, ${options.seq}::bigint) as counted`,
  )) as unknown as { counted: boolean }[];
  return rows[0]?.counted === true;
}

/**
 * Adds the next detections' rule fires to rule_rollups and moves the rule
 * follower's own cursor (migration 0017, orylo_rule_rollup_advance). `busy`
 * when another instance holds its turn.
 */
export async function advanceRuleRollups(options: { db: Executor; limit?: number }): Promise<{ detections: number; busy: boolean }> {
  const rows = (await options.db.execute(
    sql`select orylo_rule_rollup_advance(${options.limit ?? ROLLUP_BATCH}) as n`,
  )) as unknown as { n: number }[];
  const n = Number(rows[0].n);
  return n < 0 ? { detections: 0, busy: true } : { detections: n, busy: false };
}
