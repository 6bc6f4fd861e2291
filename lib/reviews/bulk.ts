import { and, asc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { attacks, detections, type TDetectionRow } from '@/db/schema';
import { attributedSql } from '@/lib/attacks/attribution';
import { toIndicators } from '@/lib/attacks/schema';
import { AppError } from '@/lib/errors';
import { describeHolder } from './guards';
import { reviewDetection, throwIfNotReviewable } from './review';
import { BULK_MAX, type TBulkItemResult, type TBulkReviewInput, type TBulkReviewResult } from './schema';

// Bulk review: the selection of the queue, or every pending item from one IP
// or one incident, approved or blocked in ONE transaction. Each item goes
// through reviewDetection (its own audit entry, its detection_updates row),
// so a bulk review is exactly N single reviews that commit together. Items
// that cannot be reviewed (reviewed meanwhile, held by someone else) are
// reported per item and skipped; nothing else fails the batch. Input that is
// wrong as a whole (too many items, unknown incident) is a 4xx before any write.

type TActor = { id: string; email: string | null; name?: string | null };

const pending = and(eq(detections.decision, 'REVIEW'), isNull(detections.reviewStatus));

/** The incident's traffic as its own page counts it: attributed attempts between its start and its end (or now). */
async function incidentScope(db: Executor, orgId: string, attackId: string): Promise<SQL> {
  const [attack] = await db.select().from(attacks).where(and(eq(attacks.organizationId, orgId), eq(attacks.id, attackId))).limit(1);
  if (!attack) throw new AppError('not_found', 'No incident with this attackId in your organization (GET /api/v1/attacks lists them).', { field: 'attackId' });
  const span = sql`${detections.createdAt} between ${attack.startedAt.toISOString()}::timestamptz and coalesce(${attack.endedAt?.toISOString() ?? null}::timestamptz, now())`;
  return and(pending, span, attributedSql(toIndicators(attack.indicators)))!;
}

type TLocked = { row: TDetectionRow; claimHeld: boolean };

/**
 * Locks the selected rows, in id order so that two bulk reviews never
 * deadlock, and reads whether each one's claim is still running (database clock).
 */
async function lockSelection(db: Executor, orgId: string, input: TBulkReviewInput): Promise<TLocked[]> {
  let scope: SQL | undefined;
  if (input.ids) scope = inArray(detections.id, input.ids);
  else if (input.ip) scope = and(pending, eq(detections.ip, input.ip));
  else scope = await incidentScope(db, orgId, input.attackId!);
  const rows = await db
    .select({ row: detections, claimHeld: sql<boolean>`coalesce(${detections.claimedUntil} > now(), false)` })
    .from(detections)
    .where(and(eq(detections.organizationId, orgId), scope))
    .orderBy(asc(detections.id))
    .for('update', { of: detections })
    .limit(BULK_MAX + 1);
  if (rows.length > BULK_MAX) {
    const what = input.ip ? `from ${input.ip}` : 'in this incident';
    throw new AppError('bad_request', `More than ${BULK_MAX} items pending ${what}: review at most ${BULK_MAX} at once (select them in the queue, or filter first). Nothing was changed.`, {
      field: input.ip ? 'ip' : 'attackId',
    });
  }
  return rows;
}

function skipped(row: TDetectionRow, claimHeld: boolean, userId: string): TBulkItemResult | null {
  const base = { id: row.id, externalId: row.externalId };
  try {
    throwIfNotReviewable(row);
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    return { ...base, result: row.reviewStatus ? 'already_reviewed' : 'not_reviewable', message: err.message };
  }
  if (claimHeld && row.claimedBy && row.claimedBy !== userId) {
    const until = new Date(row.claimedUntil!).toISOString();
    return { ...base, result: 'claimed', message: `Claimed by ${describeHolder(row)} until ${until}.` };
  }
  return null;
}

export async function reviewInBulk(options: { db: Executor; orgId: string; actor: TActor; input: TBulkReviewInput; ip: string | null }): Promise<TBulkReviewResult> {
  const { db, orgId, actor, input } = options;
  const locked = await lockSelection(db, orgId, input);
  const via = input.ids ? 'bulk:selection' : input.ip ? `bulk:ip:${input.ip}` : `bulk:incident:${input.attackId}`;
  const byId = new Map(locked.map((l) => [l.row.id, l]));
  // The caller's order for a selection (each id once); id order otherwise.
  const order = input.ids ? [...new Set(input.ids)] : locked.map((l) => l.row.id);

  const results: TBulkItemResult[] = [];
  for (const id of order) {
    const l = byId.get(id);
    if (!l) {
      results.push({ id, externalId: null, result: 'not_found', message: 'No detection with this id in your organization.' });
      continue;
    }
    const skip = skipped(l.row, l.claimHeld, actor.id);
    if (skip) {
      results.push(skip);
      continue;
    }
    const review = { action: input.action, verdict: input.verdict, note: input.note ?? null };
    const detection = await reviewDetection({ db, orgId, id, actor, input: review, ip: options.ip, via });
    results.push({ id, externalId: detection.externalId, result: 'reviewed', detection });
  }
  const reviewed = results.filter((r) => r.result === 'reviewed').length;
  return { reviewed, skipped: results.length - reviewed, results };
}
