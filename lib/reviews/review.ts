import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { detections, detectionUpdates, type TDetectionRow } from '@/db/schema';
import { AppError } from '@/lib/errors';
import { recordAudit } from '@/lib/audit/record';
import { toDetection, type TDetection } from '@/lib/detections/schema';
import { isCountedByRollups } from '@/lib/rollups';
import { queueWebhookEvent } from '@/lib/webhooks/queue';
import { throwIfClaimedByOther } from './guards';
import type { TReviewInput } from './schema';

const OUTCOME = {
  approve: { decision: 'ALLOW', status: 'approved' },
  block: { decision: 'BLOCK', status: 'blocked' },
} as const;

/** 409 unless the row is a REVIEW detection nobody has reviewed yet; says who did and when. */
export function throwIfNotReviewable(row: TDetectionRow): void {
  if (row.reviewStatus) {
    const by = row.reviewedBy ? ` by ${row.reviewedBy}` : '';
    const at = row.reviewedAt ? ` at ${new Date(row.reviewedAt).toISOString()}` : '';
    throw new AppError('conflict', `Order ${row.externalId} was already ${row.reviewStatus}${by}${at}.`);
  }
  if (row.decision !== 'REVIEW') {
    throw new AppError('conflict', `Order ${row.externalId} was scored ${row.decision}, not REVIEW: only detections sent to review can be approved or blocked.`);
  }
}

/**
 * An analyst approves (→ ALLOW) or blocks (→ BLOCK) a REVIEW detection. Runs in
 * the caller's RLS transaction: the change, the detection_updates row the
 * stream turns into `detection_updated`, and the audit entry commit together.
 * The caller nudges the org's streams after the commit.
 */
export async function reviewDetection(options: {
  db: Executor;
  orgId: string;
  id: string;
  actor: { id: string; email: string | null; name?: string | null };
  input: TReviewInput;
  ip: string | null;
  /** A bulk review says which (e.g. "bulk:ip:203.0.113.7"); its audit entry carries it. */
  via?: string;
}): Promise<TDetection> {
  const { db, orgId, id, actor, input } = options;
  const where = and(eq(detections.organizationId, orgId), eq(detections.id, id));
  // FOR UPDATE: of two analysts reviewing at once, the second waits for the
  // first to commit, then reads the reviewed row and gets the 409.
  const [row] = await db.select().from(detections).where(where).for('update').limit(1);
  if (!row) throw new AppError('not_found', 'No detection with this id in your organization.');
  throwIfNotReviewable(row);
  await throwIfClaimedByOther({ db, row, userId: actor.id });

  const outcome = OUTCOME[input.action];
  const [updated] = await db
    .update(detections)
    .set({
      decision: outcome.decision,
      reviewStatus: outcome.status,
      reviewedBy: actor.email || actor.name || actor.id,
      reviewedAt: sql`now()`,
      reviewNote: input.note ?? null,
      reviewVerdict: input.verdict ?? null,
    })
    .where(where)
    .returning();
  // The change moves the counters: the rollup follower applies it, unless it
  // has not counted the row yet (it will then read the row as it is now).
  const counted = await isCountedByRollups({ db, txId: String(row.txId), seq: row.seq });
  await db.insert(detectionUpdates).values({
    organizationId: orgId,
    detectionId: id,
    fromDecision: row.decision,
    toDecision: outcome.decision,
    detectionCreatedAt: row.createdAt,
    counted,
  });

  const detection = toDetection(updated);
  await recordAudit({
    db,
    orgId,
    actor: { id: actor.id, email: actor.email },
    action: 'detection.review',
    target: { type: 'detection', id },
    ip: options.ip,
    before: { decision: row.decision, review: null },
    after: { decision: detection.decision, review: detection.review, ...(options.via ? { via: options.via } : {}) },
  });
  await queueWebhookEvent({ db, orgId, type: 'detection.reviewed', data: { detection } });
  return detection;
}
