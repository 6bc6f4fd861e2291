import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { detections, stripeConnections, type TStripeRecentEvent } from '@/db/schema';
import { recordOutcome } from '@/lib/outcomes/record';
import { toStripeOutcome, type TStripeEvent } from './event';
import { MAX_RECENT_STRIPE_EVENTS } from './schema';

export type TStripeEventResult = { result: TStripeRecentEvent['result']; detectionId?: string; paymentIntentId?: string | null };

/**
 * Records one verified Stripe event in the org's RLS transaction: the outcome
 * of the detection whose externalId is the PaymentIntent id, through
 * lib/outcomes (Stripe's event id as the outcome id, so a retry records
 * nothing new), then a line in the connection's recent events. An event for
 * a payment Orylo never scored, or of a type it does not use, writes no
 * outcome. The caller nudges the org after commit when an outcome was recorded.
 */
export async function recordStripeEvent(options: { db: Executor; orgId: string; event: TStripeEvent }): Promise<TStripeEventResult> {
  const { db, orgId, event } = options;
  const outcome = toStripeOutcome(event);
  let answer: TStripeEventResult;
  if (!outcome) answer = { result: 'ignored' };
  else if (!outcome.paymentIntentId || !(await detectionExists(db, orgId, outcome.paymentIntentId))) {
    answer = { result: 'unknown_payment', paymentIntentId: outcome.paymentIntentId };
  } else {
    const { event: recorded, created } = await recordOutcome({
      db,
      orgId,
      target: { externalId: outcome.paymentIntentId },
      input: outcome.input,
      actor: { kind: 'stripe' },
    });
    answer = { result: created ? 'recorded' : 'duplicate', detectionId: recorded.detectionId, paymentIntentId: outcome.paymentIntentId };
  }
  await noteRecentEvent(db, orgId, { id: event.id, type: event.type, result: answer.result, receivedAt: new Date().toISOString() });
  return answer;
}

async function detectionExists(db: Executor, orgId: string, externalId: string): Promise<boolean> {
  const rows = await db
    .select({ id: detections.id })
    .from(detections)
    .where(and(eq(detections.organizationId, orgId), eq(detections.externalId, externalId)))
    .limit(1);
  return rows.length > 0;
}

/** Newest first, the oldest dropped past MAX_RECENT_STRIPE_EVENTS: the row never grows. */
async function noteRecentEvent(db: Executor, orgId: string, entry: TStripeRecentEvent): Promise<void> {
  const last = MAX_RECENT_STRIPE_EVENTS - 1;
  await db
    .update(stripeConnections)
    .set({
      recentEvents: sql`jsonb_path_query_array(jsonb_build_array(${JSON.stringify(entry)}::jsonb) || ${stripeConnections.recentEvents}, ${`$[0 to ${last}]`}::jsonpath)`,
    })
    .where(eq(stripeConnections.organizationId, orgId));
}
