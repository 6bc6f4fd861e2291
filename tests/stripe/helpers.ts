import { randomBytes } from 'node:crypto';
import type postgres from 'postgres';
import Stripe from 'stripe';
import { readBodyTolerantly, type OryloSession } from '@/scripts/lib/http-client';
import { BASE_URL } from '../helpers/env';

// Stripe's side of the adapter (README, "Stripe"): event bodies shaped as
// Stripe sends them (API version 2025+, the fields of the stripe package's
// types), signed with the package's own generateTestHeaderString, posted over
// real HTTP like Stripe's servers do: no cookie, no Origin.

const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
/** A Stripe-like id. Letters only after the prefix: no digit run the card-number detector could mistake for a PAN. */
export const stripeId = (prefix: string, length = 24) =>
  `${prefix}_${Array.from(randomBytes(length), (b) => LETTERS[b % LETTERS.length]).join('')}`;

/** A signing secret as the Stripe Dashboard shows it. */
export const newSigningSecret = () => `whsec_${randomBytes(24).toString('base64url').replace(/[-_]/g, 'x')}`;

/** PUT /api/v1/settings/stripe as a member. */
export async function putStripeSecret(session: OryloSession, body: unknown) {
  const res = await session.fetch('/api/v1/settings/stripe', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: await readBodyTolerantly(res) };
}

export async function getStripeStatus(session: OryloSession) {
  const res = await session.fetch('/api/v1/settings/stripe');
  const text = await res.text();
  return { status: res.status, text, body: text ? JSON.parse(text) : null };
}

/** Stripe-Signature for `payload`, made by the stripe package; `timestamp` in unix seconds (default now). */
export const sign = (payload: string, secret: string, timestamp?: number) => Stripe.webhooks.generateTestHeaderString({ payload, secret, ...(timestamp ? { timestamp } : {}) });

/** Posts a body to the org's webhook endpoint as Stripe does: raw JSON, Stripe-Signature, no cookie, no Origin. */
export async function postToWebhook(orgId: string, payload: string, signature: string | null, headers: Record<string, string> = {}) {
  const res = await fetch(`${BASE_URL}/api/v1/integrations/stripe/webhook/${encodeURIComponent(orgId)}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
      ...(signature === null ? {} : { 'stripe-signature': signature }),
      ...headers,
    },
    body: payload,
  });
  return { status: res.status, body: await readBodyTolerantly(res) };
}

/** Signs and posts one event object. */
export const deliver = (orgId: string, secret: string, event: object) => {
  const payload = JSON.stringify(event, null, 2);
  return postToWebhook(orgId, payload, sign(payload, secret));
};

const unix = (offsetSeconds = 0) => Math.floor(Date.now() / 1000) + offsetSeconds;

function envelope(type: string, object: object, created = unix(-30)) {
  return {
    id: stripeId('evt'),
    object: 'event',
    api_version: '2025-10-29.clover',
    created,
    data: { object },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
  };
}

export function disputeCreated(paymentIntent: string | null, options: { amount?: number; reason?: string; charge?: string | object; created?: number } = {}) {
  const charge = options.charge ?? stripeId('ch');
  return envelope(
    'charge.dispute.created',
    {
      id: stripeId('du'),
      object: 'dispute',
      amount: options.amount ?? 4999,
      balance_transactions: [],
      charge,
      created: unix(-60),
      currency: 'eur',
      enhanced_eligibility_types: [],
      evidence: { customer_name: null, product_description: null, uncategorized_text: null },
      evidence_details: { due_by: unix(7 * 86400), has_evidence: false, past_due: false, submission_count: 0 },
      is_charge_refundable: false,
      livemode: false,
      metadata: {},
      payment_intent: paymentIntent,
      payment_method_details: { card: { brand: 'visa', case_type: 'chargeback', network_reason_code: '10.4' }, type: 'card' },
      reason: options.reason ?? 'fraudulent',
      status: 'needs_response',
    },
    options.created,
  );
}

export function earlyFraudWarningCreated(paymentIntent: string, options: { fraudType?: string } = {}) {
  return envelope('radar.early_fraud_warning.created', {
    id: stripeId('issfr'),
    object: 'radar.early_fraud_warning',
    actionable: true,
    charge: stripeId('ch'),
    created: unix(-60),
    fraud_type: options.fraudType ?? 'made_with_stolen_card',
    livemode: false,
    payment_intent: paymentIntent,
  });
}

export function chargeRefunded(paymentIntent: string, options: { amount?: number; amountRefunded?: number } = {}) {
  const amount = options.amount ?? 4999;
  return envelope('charge.refunded', {
    id: stripeId('ch'),
    object: 'charge',
    amount,
    amount_captured: amount,
    amount_refunded: options.amountRefunded ?? amount,
    balance_transaction: stripeId('txn'),
    billing_details: { address: { city: null, country: 'FR', line1: null, line2: null, postal_code: null, state: null }, email: 'jane@example.com', name: 'Jane Doe', phone: null },
    captured: true,
    created: unix(-3600),
    currency: 'eur',
    customer: null,
    description: null,
    disputed: false,
    failure_code: null,
    failure_message: null,
    fraud_details: {},
    livemode: false,
    metadata: {},
    outcome: { network_status: 'approved_by_network', reason: null, risk_level: 'normal', risk_score: 32, seller_message: 'Payment complete.', type: 'authorized' },
    paid: true,
    payment_intent: paymentIntent,
    payment_method: stripeId('pm'),
    payment_method_details: { card: { brand: 'visa', country: 'FR', exp_month: 12, exp_year: 2030, fingerprint: 'FpRiNtLeTtErS', funding: 'credit', last4: '4242' }, type: 'card' },
    refunded: (options.amountRefunded ?? amount) >= amount,
    refunds: { object: 'list', data: [], has_more: false, total_count: 1, url: '/v1/charges/ch/refunds' },
    status: 'succeeded',
  });
}

export function paymentFailed(paymentIntent: string, options: { declineCode?: string | null; code?: string } = {}) {
  return envelope('payment_intent.payment_failed', {
    id: paymentIntent,
    object: 'payment_intent',
    amount: 4999,
    amount_capturable: 0,
    amount_received: 0,
    capture_method: 'automatic_async',
    client_secret: `${paymentIntent}_secret_abcdefghijklmnop`,
    confirmation_method: 'automatic',
    created: unix(-120),
    currency: 'eur',
    customer: null,
    last_payment_error: {
      charge: stripeId('ch'),
      code: options.code ?? 'card_declined',
      ...(options.declineCode === null ? {} : { decline_code: options.declineCode ?? 'insufficient_funds' }),
      doc_url: 'https://stripe.com/docs/error-codes/card-declined',
      message: 'Your card has insufficient funds.',
      payment_method: { id: stripeId('pm'), object: 'payment_method', type: 'card' },
      type: 'card_error',
    },
    latest_charge: stripeId('ch'),
    livemode: false,
    metadata: {},
    payment_method: null,
    payment_method_types: ['card'],
    status: 'requires_payment_method',
  });
}

export const otherEvent = () => envelope('customer.created', { id: stripeId('cus'), object: 'customer', email: 'jane@example.com' });

/** What a refused or ignored delivery must leave untouched, for one org. */
export async function footprint(owner: postgres.Sql, orgId: string) {
  const [row] = await owner`
    select (select count(*)::int from detection_outcomes where organization_id = ${orgId}) as outcomes,
           (select count(*)::int from detection_updates where organization_id = ${orgId}) as updates,
           (select count(*)::int from audit_log where organization_id = ${orgId}) as audit,
           (select coalesce(jsonb_agg(jsonb_build_array(id, label, outcomes, auth_status, decline_code) order by id), '[]') from detections where organization_id = ${orgId}) as detections,
           (select coalesce(jsonb_agg(recent_events), '[]') from stripe_connections where organization_id = ${orgId}) as recent`;
  return row;
}
