import { and, asc, eq, isNull, lte, or, sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { detections, detectionUpdates, type TDetectionRow } from '@/db/schema';
import { AppError } from '@/lib/errors';
import { toDetection, type TDetection } from '@/lib/detections/schema';
import { throwIfClaimedByOther } from './guards';
import { throwIfNotReviewable } from './review';

// Claims: an analyst holds a pending REVIEW item for a while so that the
// team does not review the same payment twice. A claim is two columns on the
// detection (who, until when); a lapsed one is ignored wherever it is read
// (compared with the database's now()), so no job ever cleans them up.
// Claims are not audited: they decide nothing, the review that follows is.

/** How long a claim lasts unless the caller says otherwise (tests shorten it). */
export const CLAIM_MINUTES = 10;

type TActor = { id: string; email: string | null; name?: string | null };
type TClaimOptions = { db: Executor; orgId: string; actor: TActor; /** Default CLAIM_MINUTES. */ claimMs?: number };

const claimValues = (actor: TActor, claimMs: number) => ({
  claimedBy: actor.id,
  claimedByName: actor.name || null,
  claimedByEmail: actor.email || null,
  claimedUntil: sql`now() + make_interval(secs => ${claimMs / 1000})`,
});

const NO_CLAIM = { claimedBy: null, claimedByName: null, claimedByEmail: null, claimedUntil: null };

async function lockOrThrow(db: Executor, orgId: string, id: string): Promise<TDetectionRow> {
  const [row] = await db.select().from(detections).where(and(eq(detections.organizationId, orgId), eq(detections.id, id))).for('update').limit(1);
  if (!row) throw new AppError('not_found', 'No detection with this id in your organization.');
  return row;
}

async function writeClaim(db: Executor, orgId: string, id: string, values: Record<string, unknown>): Promise<TDetection> {
  const [updated] = await db.update(detections).set(values).where(and(eq(detections.organizationId, orgId), eq(detections.id, id))).returning();
  // Every open dashboard shows who holds it (detection_updated), as for a review.
  await db.insert(detectionUpdates).values({ organizationId: orgId, detectionId: id });
  return toDetection(updated);
}

/**
 * Claims the oldest pending item that nobody holds (a lapsed claim counts as
 * nobody's) for the caller, or returns null when there is none. SKIP LOCKED:
 * two analysts asking at the same instant lock different rows, so they are
 * never handed the same item, and neither waits for the other.
 */
export async function claimNextReview(options: TClaimOptions): Promise<TDetection | null> {
  const { db, orgId, actor } = options;
  const [next] = await db
    .select({ id: detections.id })
    .from(detections)
    .where(
      and(
        // The partial index detections_org_review_idx (organization_id, seq) holds these rows in this order:
        // "oldest" is the first written, so a backlog of thousands is never sorted to find one.
        eq(detections.organizationId, orgId),
        eq(detections.decision, 'REVIEW'),
        isNull(detections.reviewStatus),
        or(isNull(detections.claimedUntil), lte(detections.claimedUntil, sql`now()`)),
      ),
    )
    .orderBy(asc(detections.seq))
    .for('update', { skipLocked: true })
    .limit(1);
  if (!next) return null;
  return writeClaim(db, orgId, next.id, claimValues(actor, options.claimMs ?? CLAIM_MINUTES * 60_000));
}

/** Claims (or extends the caller's claim on) one pending item; 409 when it is reviewed or someone else holds it. */
export async function claimDetection(options: TClaimOptions & { id: string }): Promise<TDetection> {
  const { db, orgId, actor, id } = options;
  const row = await lockOrThrow(db, orgId, id);
  throwIfNotReviewable(row);
  await throwIfClaimedByOther({ db, row, userId: actor.id });
  return writeClaim(db, orgId, id, claimValues(actor, options.claimMs ?? CLAIM_MINUTES * 60_000));
}

/**
 * Lets go of the caller's claim. Idempotent: an item nobody holds is returned
 * as it is, nothing written. Someone else's running claim is theirs: 409.
 */
export async function releaseClaim(options: Omit<TClaimOptions, 'claimMs'> & { id: string }): Promise<TDetection> {
  const { db, orgId, actor, id } = options;
  const row = await lockOrThrow(db, orgId, id);
  await throwIfClaimedByOther({ db, row, userId: actor.id });
  if (row.claimedBy !== actor.id) return toDetection(row);
  return writeClaim(db, orgId, id, NO_CLAIM);
}
