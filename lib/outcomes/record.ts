import { randomUUID } from 'node:crypto';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { detectionOutcomes, detections, detectionUpdates, type TDetectionOutcomeRow, type TDetectionRow, type TStoredOutcome } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { toDetection } from '@/lib/detections/schema';
import { AppError } from '@/lib/errors';
import { queueWebhookEvent } from '@/lib/webhooks/queue';
import { labelOf, latestAuthorization } from './label';
import type { TOutcome, TOutcomeEvent, TOutcomeInput } from './schema';

/** Which detection an event is about: by Orylo's id (the dashboard) or by the merchant's externalId (the API). */
export type TOutcomeTarget = { id: string } | { externalId: string };

/** Who sent it: a member (audited), the merchant's backend through an API key, or Stripe's signed webhook (lib/stripe). */
export type TOutcomeActor = { kind: 'member'; id: string; email: string | null; ip: string | null } | { kind: 'api_key'; keyId: string } | { kind: 'stripe' };

const createdByOf = (actor: TOutcomeActor) => (actor.kind === 'member' ? actor.email || actor.id : actor.kind === 'api_key' ? `api_key:${actor.keyId}` : 'stripe');

export function toOutcome(row: TDetectionOutcomeRow): TOutcome {
  return {
    id: row.eventId,
    type: row.type as TOutcome['type'],
    ...(row.reason !== null ? { reason: row.reason } : {}),
    ...(row.declineCode !== null ? { declineCode: row.declineCode } : {}),
    ...(row.amount !== null ? { amount: row.amount } : {}),
    occurredAt: new Date(row.occurredAt).toISOString(),
  };
}

function toEvent(row: TDetectionOutcomeRow, detection: TDetectionRow): TOutcomeEvent {
  return { ...toOutcome(row), detectionId: detection.id, externalId: detection.externalId, createdAt: new Date(row.createdAt).toISOString() };
}

/**
 * Events one detection may hold. A payment's real story is a handful of events;
 * the cap keeps the row (sent whole on the stream) and each recomputation small
 * whatever a misbehaving sender posts.
 */
export const MAX_OUTCOMES_PER_DETECTION = 100;

export const NOT_FOUND = {
  id: 'No detection with this id in your organization. It may belong to another organization, or have passed the retention period.',
  externalId: 'No transaction with this externalId in your organization: send it to POST /api/v1/transactions first, with the same externalId.',
};

/** The detection, locked until commit: two events for one payment apply one after the other, never over each other. */
async function lockDetectionOrThrow(db: Executor, orgId: string, target: TOutcomeTarget): Promise<TDetectionRow> {
  const byId = 'id' in target;
  const match = byId ? eq(detections.id, target.id) : eq(detections.externalId, target.externalId);
  const [row] = await db.select().from(detections).where(and(eq(detections.organizationId, orgId), match)).for('update').limit(1);
  if (!row) throw new AppError('not_found', byId ? NOT_FOUND.id : NOT_FOUND.externalId);
  return row;
}

/**
 * Records one outcome event of a detection, in the caller's RLS transaction:
 * the event row, the detection's timeline, label and authorization (which the
 * decline features of later attempts read), a detection_updates row that the
 * stream turns into `detection_updated` (no decision change, so no counter
 * moves), and for a member the audit entry. The caller nudges after commit.
 *
 * Idempotent per organization: an event id already stored returns that event
 * (`created: false`) and writes nothing. The unique index decides, so two
 * copies posted at once make one row: the second insert waits for the first
 * to commit, then finds it.
 */
export async function recordOutcome(options: {
  db: Executor;
  orgId: string;
  target: TOutcomeTarget;
  input: TOutcomeInput;
  actor: TOutcomeActor;
}): Promise<{ event: TOutcomeEvent; created: boolean }> {
  const { db, orgId, input, actor } = options;
  const row = await lockDetectionOrThrow(db, orgId, options.target);
  const eventId = input.id ?? `evt_${randomUUID()}`;

  const [inserted] = await db
    .insert(detectionOutcomes)
    .values({
      organizationId: orgId,
      detectionId: row.id,
      eventId,
      type: input.type,
      reason: input.reason ?? null,
      declineCode: input.declineCode ?? null,
      amount: input.amount ?? null,
      occurredAt: input.occurredAt ? new Date(input.occurredAt) : sql`now()`,
      createdBy: createdByOf(actor),
    })
    .onConflictDoNothing({ target: [detectionOutcomes.organizationId, detectionOutcomes.eventId] })
    .returning();
  if (!inserted) return { event: await storedEventOrThrow(db, orgId, eventId, row), created: false };

  const outcomes = (
    await db
      .select()
      .from(detectionOutcomes)
      .where(and(eq(detectionOutcomes.organizationId, orgId), eq(detectionOutcomes.detectionId, row.id)))
      .orderBy(asc(detectionOutcomes.occurredAt), asc(detectionOutcomes.createdAt))
  ).map(toOutcome);
  // Throwing rolls the insert back: nothing is written.
  if (outcomes.length > MAX_OUTCOMES_PER_DETECTION) {
    throw new AppError('conflict', `Order ${row.externalId} already has ${MAX_OUTCOMES_PER_DETECTION} outcome events, the most one payment may hold: check what your system is sending.`);
  }
  const updated = await applyToDetection(db, row, outcomes);
  // No decision change: the rollup follower skips it (from/to null), the stream sends the row.
  await db.insert(detectionUpdates).values({ organizationId: orgId, detectionId: row.id });

  if (actor.kind === 'member') {
    await recordAudit({
      db,
      orgId,
      actor: { id: actor.id, email: actor.email },
      action: 'detection.outcome',
      target: { type: 'detection', id: row.id },
      ip: actor.ip,
      before: { label: row.label },
      after: { label: labelOf(outcomes), outcome: toOutcome(inserted) },
    });
  }
  const event = toEvent(inserted, row);
  await queueWebhookEvent({ db, orgId, type: 'detection.outcome', data: { detection: toDetection(updated), outcome: event } });
  return { event, created: true };
}

/** The detection's timeline, label and (from the latest authorized/declined outcome) its authorization. */
async function applyToDetection(db: Executor, row: TDetectionRow, outcomes: TStoredOutcome[]): Promise<TDetectionRow> {
  const auth = latestAuthorization(outcomes);
  const authorization = !auth
    ? {}
    : auth.type === 'declined'
      ? { authStatus: 'declined', declineCode: auth.declineCode ?? (row.authStatus === 'declined' ? row.declineCode : null) }
      : { authStatus: 'authorized', declineCode: null };
  const [updated] = await db
    .update(detections)
    .set({ outcomes, label: labelOf(outcomes), ...authorization })
    .where(and(eq(detections.organizationId, row.organizationId), eq(detections.id, row.id)))
    .returning();
  return updated;
}

/** A replayed event id: the stored event, unless that id was used for another payment (a 409 saying which). */
async function storedEventOrThrow(db: Executor, orgId: string, eventId: string, row: TDetectionRow): Promise<TOutcomeEvent> {
  const [stored] = await db
    .select()
    .from(detectionOutcomes)
    .where(and(eq(detectionOutcomes.organizationId, orgId), eq(detectionOutcomes.eventId, eventId)))
    .limit(1);
  if (!stored) throw new AppError('conflict', `Event ${eventId} is being recorded by another request: retry.`);
  if (stored.detectionId !== row.id) {
    throw new AppError('conflict', `Event id ${eventId} was already used for another payment of your organization: each event needs its own id.`, { field: 'id' });
  }
  return toEvent(stored, row);
}
