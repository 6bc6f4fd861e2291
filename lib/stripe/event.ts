import { z } from 'zod';
import { AppError } from '@/lib/errors';
import { parseOutcomeInput } from '@/lib/outcomes/parse';
import type { TOutcomeInput } from '@/lib/outcomes/schema';
import { STRIPE_OUTCOME_TYPES, type TStripeEventType } from './schema';

// A verified Stripe event as Orylo reads it: the envelope, then for the four
// types it records, the PaymentIntent the event is about and the outcome it
// becomes. Shapes follow the stripe package's types (Dispute,
// Radar.EarlyFraudWarning, Charge, PaymentIntent); only the fields used are
// read, and what is read is validated, not cast.

/** An id field: Stripe sends the id, or the object when the field was expanded. */
const ZRef = z
  .union([z.string(), z.looseObject({ id: z.string() })])
  .nullish()
  .transform((v) => (v == null ? null : typeof v === 'string' ? v : v.id));

export const ZStripeEventSchema = z.looseObject({
  id: z.string().min(1).max(128),
  type: z.string().min(1).max(200),
  /** Unix seconds. */
  created: z.number().int().nonnegative(),
  livemode: z.boolean().optional(),
  data: z.looseObject({ object: z.looseObject({}) }),
});

export type TStripeEvent = z.infer<typeof ZStripeEventSchema>;

const ZDispute = z.looseObject({
  amount: z.number().int().nonnegative().optional(),
  reason: z.string().optional(),
  payment_intent: ZRef,
  // Expanded, the charge carries the PaymentIntent of a dispute that has none of its own.
  charge: z.union([z.string(), z.looseObject({ payment_intent: ZRef })]).nullish(),
});
const ZEarlyFraudWarning = z.looseObject({ fraud_type: z.string().optional(), payment_intent: ZRef, charge: ZDispute.shape.charge });
const ZCharge = z.looseObject({ amount_refunded: z.number().int().nonnegative().optional(), payment_intent: ZRef });
const ZPaymentIntent = z.looseObject({
  id: z.string(),
  last_payment_error: z.looseObject({ decline_code: z.string().nullish(), code: z.string().nullish() }).nullish(),
});

/** What a recorded Stripe event becomes: the outcome of the detection whose externalId is `paymentIntentId`. */
export type TStripeOutcome = { paymentIntentId: string | null; input: TOutcomeInput };

const clip = (s: string | null | undefined, max: number) => (s ? s.trim().slice(0, max) || undefined : undefined);
const chargePaymentIntent = (charge: z.infer<typeof ZDispute>['charge']) => (charge && typeof charge === 'object' ? charge.payment_intent : null);

function parseObject<T>(schema: z.ZodType<T>, event: TStripeEvent): T {
  const parsed = schema.safeParse(event.data.object);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError('bad_request', `This ${event.type} event does not have the shape Stripe sends: data.object.${issue.path.join('.')}: ${issue.message}.`);
  }
  return parsed.data;
}

/**
 * The outcome a verified event becomes, or null for a type Orylo ignores.
 * The outcome's id is Stripe's event id, so Stripe's retries of one event
 * record it once; it happened when Stripe created the event.
 */
export function toStripeOutcome(event: TStripeEvent): TStripeOutcome | null {
  if (!Object.hasOwn(STRIPE_OUTCOME_TYPES, event.type)) return null;
  const type = event.type as TStripeEventType;
  // Never ahead of our clock: a skewed Stripe timestamp must not make the event unrecordable (outcomes refuse the future).
  const occurredAt = new Date(Math.min(event.created * 1000, Date.now())).toISOString();
  const base = { type: STRIPE_OUTCOME_TYPES[type], id: event.id, occurredAt };
  let paymentIntentId: string | null;
  let fields: Partial<TOutcomeInput>;
  switch (type) {
    case 'charge.dispute.created': {
      const dispute = parseObject(ZDispute, event);
      paymentIntentId = dispute.payment_intent ?? chargePaymentIntent(dispute.charge);
      fields = { amount: dispute.amount, reason: clip(dispute.reason, 500) };
      break;
    }
    case 'radar.early_fraud_warning.created': {
      const warning = parseObject(ZEarlyFraudWarning, event);
      paymentIntentId = warning.payment_intent ?? chargePaymentIntent(warning.charge);
      fields = { reason: clip(warning.fraud_type, 500) };
      break;
    }
    case 'charge.refunded': {
      const charge = parseObject(ZCharge, event);
      paymentIntentId = charge.payment_intent;
      // Cumulative: a second partial refund's event carries the total refunded so far.
      fields = { amount: charge.amount_refunded };
      break;
    }
    case 'payment_intent.payment_failed': {
      const intent = parseObject(ZPaymentIntent, event);
      paymentIntentId = intent.id;
      const error = intent.last_payment_error;
      fields = { declineCode: clip(error?.decline_code ?? error?.code, 64) };
      break;
    }
  }
  const defined = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
  // The same checks as any outcome (lengths, no NUL byte, no card number), on what Orylo will store.
  return { paymentIntentId, input: parseOutcomeInput({ ...base, ...defined }) };
}
