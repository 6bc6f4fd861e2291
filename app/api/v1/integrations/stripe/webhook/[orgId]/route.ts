import { withStripeWebhook } from '@/lib/api/with-stripe-webhook';
import { nudgeOrg } from '@/lib/nudge';
import { recordStripeEvent } from '@/lib/stripe';

export const dynamic = 'force-dynamic';

// POST /api/v1/integrations/stripe/webhook/:orgId – Stripe's signed events become outcomes of the detection whose externalId is the PaymentIntent id
export const POST = withStripeWebhook(async ({ event, db, orgId, log, afterCommit }) => {
  const { result, detectionId, paymentIntentId } = await recordStripeEvent({ db, orgId, event });
  if (result === 'recorded') afterCommit(() => nudgeOrg(orgId));
  log.info({ result, detectionId, paymentIntentId }, result === 'unknown_payment' ? 'stripe event for a payment Orylo has not scored' : 'stripe event');
  return Response.json({ received: true, result });
});
