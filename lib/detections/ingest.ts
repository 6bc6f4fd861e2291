import { and, eq } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { detections } from '@/db/schema';
import { normalizeIp } from '@/lib/lists/schema';
import { loadScoringContext } from '@/lib/scoring/context';
import { scoreTransaction } from '@/lib/scoring/score';
import { queueWebhookEvent } from '@/lib/webhooks/queue';
import { toDetection, type TDetection, type TTransactionInput } from './schema';

async function findByExternalId(db: Executor, orgId: string, externalId: string): Promise<TDetection | null> {
  const [row] = await db
    .select()
    .from(detections)
    .where(and(eq(detections.organizationId, orgId), eq(detections.externalId, externalId)))
    .limit(1);
  return row ? toDetection(row) : null;
}

/**
 * Scores and stores one payment attempt. Idempotent on externalId: a repeat
 * returns the first detection (created: false) and writes nothing, also when
 * two requests with the same id race (the unique index decides).
 *
 * Round trips: the scoring context (settings, rules, list hits and the
 * idempotency check in one query), the velocity features (one query), the insert.
 */
export async function ingestTransaction(options: { db: Executor; orgId: string; input: TTransactionInput }): Promise<{ detection: TDetection; created: boolean }> {
  const { db, orgId } = options;
  // One spelling per IPv6 address, so velocity and lists count it as one.
  const input = options.input.ip ? { ...options.input, ip: normalizeIp(options.input.ip) } : options.input;
  const context = await loadScoringContext({ db, orgId, input });
  if (context.existingId) {
    const existing = await findByExternalId(db, orgId, input.externalId);
    if (existing) return { detection: existing, created: false };
  }

  const result = await scoreTransaction({ db, orgId, input, context });
  const [row] = await db
    .insert(detections)
    .values({
      organizationId: orgId,
      externalId: input.externalId,
      amount: input.amount,
      currency: input.currency,
      email: input.email ?? null,
      ip: input.ip ?? null,
      customerId: input.customerId ?? null,
      deviceId: input.deviceId ?? null,
      cardFingerprint: input.card?.fingerprint ?? null,
      cardBin: input.card?.bin ?? null,
      cardLast4: input.card?.last4 ?? null,
      cardCountry: input.card?.country ?? null,
      ipCountry: input.ipCountry ?? null,
      authStatus: input.authStatus ?? null,
      declineCode: input.declineCode ?? null,
      score: result.score,
      riskLevel: result.riskLevel,
      decision: result.decision,
      reasons: result.reasons,
      shadow: result.shadow,
    })
    .onConflictDoNothing({ target: [detections.organizationId, detections.externalId] })
    .returning();
  if (row) {
    const detection = toDetection(row);
    // In this transaction: only when an endpoint of the org wants it (one index probe otherwise).
    await queueWebhookEvent({ db, orgId, type: 'detection.created', data: { detection }, decision: detection.decision });
    return { detection, created: true };
  }

  const raced = await findByExternalId(db, orgId, input.externalId);
  if (!raced) throw new Error('detection vanished after an idempotency conflict');
  return { detection: raced, created: false };
}
