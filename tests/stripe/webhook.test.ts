import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newMerchant, ownerSql, postTx, type Merchant } from '../helpers/env';
import { SseReader } from '../helpers/sse';
import { detectionOf } from '../outcomes/helpers';
import {
  chargeRefunded,
  deliver,
  disputeCreated,
  earlyFraudWarningCreated,
  footprint,
  getStripeStatus,
  newSigningSecret,
  otherEvent,
  paymentFailed,
  postToWebhook,
  putStripeSecret,
  sign,
  stripeId,
} from './helpers';

// POST /api/v1/integrations/stripe/webhook/:orgId (README, "Stripe"): Stripe's
// signed events become outcomes of the detection whose externalId is the
// PaymentIntent id, live on open dashboards; anything not signed with the
// org's secret is a 400 that changes nothing.

const owner = ownerSql();
let m: Merchant;
let other: Merchant;
let secret: string;
const open: SseReader[] = [];

beforeAll(async () => {
  [m, other] = await Promise.all([newMerchant('stripe-hook'), newMerchant('stripe-other')]);
  secret = newSigningSecret();
  expect((await putStripeSecret(m.session, { webhookSecret: secret })).status).toBe(200);
}, 60_000);
afterAll(async () => {
  open.forEach((r) => r.close());
  await owner.end();
});

const updated = (r: SseReader) => r.ofType('detection_updated').flatMap((e) => e.data.data);

async function liveReader(session: Merchant['session']) {
  const reader = await SseReader.open({ cookie: session.cookieHeader });
  open.push(reader);
  await reader.waitFor(() => reader.ofType('connected').length === 1, 5_000, 'connected');
  return reader;
}

/** A payment Orylo scored, named by its PaymentIntent id as the merchant's checkout sends it. */
async function scoredPayment(merchant = m) {
  const pi = stripeId('pi');
  const detection = await postTx(merchant, { externalId: pi, authStatus: 'authorized' });
  return { pi, detection };
}

describe('Stripe events become outcomes', () => {
  it('charge.dispute.created → chargeback (amount, reason), labelled fraud, live on the stream', async () => {
    const reader = await liveReader(m.session);
    const { pi, detection } = await scoredPayment();
    const event = disputeCreated(pi, { amount: 4999, reason: 'fraudulent' });
    const res = await deliver(m.orgId, secret, event);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({ received: true, result: 'recorded' });

    const d = await detectionOf(m.session, detection.id);
    expect(d.label).toBe('fraud');
    expect(d.outcomes).toEqual([{ id: event.id, type: 'chargeback', reason: 'fraudulent', amount: 4999, occurredAt: new Date(event.created * 1000).toISOString() }]);
    await reader.waitFor(() => updated(reader).some((x) => x.id === detection.id && x.label === 'fraud'), 10_000, 'detection_updated');
    const [row] = await owner`select created_by from detection_outcomes where organization_id = ${m.orgId} and event_id = ${event.id}`;
    expect(row.created_by).toBe('stripe');
  });

  it('radar.early_fraud_warning.created → early_fraud_warning with the fraud type as reason, labelled fraud, live', async () => {
    const reader = await liveReader(m.session);
    const { pi, detection } = await scoredPayment();
    const event = earlyFraudWarningCreated(pi, { fraudType: 'made_with_stolen_card' });
    expect((await deliver(m.orgId, secret, event)).status).toBe(200);
    const d = await detectionOf(m.session, detection.id);
    expect(d.label).toBe('fraud');
    expect(d.outcomes).toEqual([expect.objectContaining({ id: event.id, type: 'early_fraud_warning', reason: 'made_with_stolen_card' })]);
    expect(d.outcomes[0]).not.toHaveProperty('amount');
    await reader.waitFor(() => updated(reader).some((x) => x.id === detection.id && x.label === 'fraud'), 10_000, 'detection_updated');
  });

  it('charge.refunded → refunded with amount_refunded, no label, live', async () => {
    const reader = await liveReader(m.session);
    const { pi, detection } = await scoredPayment();
    const event = chargeRefunded(pi, { amount: 4999, amountRefunded: 1500 });
    expect((await deliver(m.orgId, secret, event)).status).toBe(200);
    const d = await detectionOf(m.session, detection.id);
    expect(d.label).toBeNull();
    expect(d.outcomes).toEqual([expect.objectContaining({ id: event.id, type: 'refunded', amount: 1500 })]);
    await reader.waitFor(() => updated(reader).some((x) => x.id === detection.id && x.outcomes?.[0]?.type === 'refunded'), 10_000, 'detection_updated');
  });

  it('payment_intent.payment_failed → declined with the decline code (else the error code), and the detection counts as declined', async () => {
    const reader = await liveReader(m.session);
    const { pi, detection } = await scoredPayment();
    const event = paymentFailed(pi, { declineCode: 'insufficient_funds' });
    expect((await deliver(m.orgId, secret, event)).status).toBe(200);
    const d = await detectionOf(m.session, detection.id);
    expect(d.outcomes).toEqual([expect.objectContaining({ id: event.id, type: 'declined', declineCode: 'insufficient_funds' })]);
    expect(d.authStatus).toBe('declined');
    expect(d.label).toBeNull();
    await reader.waitFor(() => updated(reader).some((x) => x.id === detection.id && x.authStatus === 'declined'), 10_000, 'detection_updated');

    // No decline_code (an authentication failure, say): the error's code.
    const second = await scoredPayment();
    expect((await deliver(m.orgId, secret, paymentFailed(second.pi, { declineCode: null, code: 'payment_intent_authentication_failure' }))).status).toBe(200);
    expect((await detectionOf(m.session, second.detection.id)).outcomes[0].declineCode).toBe('payment_intent_authentication_failure');
  });

  it('a dispute without its own payment_intent takes the expanded charge’s', async () => {
    const { pi, detection } = await scoredPayment();
    const event = disputeCreated(null, { charge: { id: stripeId('ch'), object: 'charge', payment_intent: pi } });
    expect((await deliver(m.orgId, secret, event)).body).toEqual({ received: true, result: 'recorded' });
    expect((await detectionOf(m.session, detection.id)).label).toBe('fraud');
  });

  it('the same Stripe event again (Stripe retries) records nothing new', async () => {
    const { pi, detection } = await scoredPayment();
    const event = disputeCreated(pi);
    expect((await deliver(m.orgId, secret, event)).body.result).toBe('recorded');
    const before = await footprint(owner, m.orgId);
    // A retry is signed afresh, with a new timestamp: the same body, the same event id.
    for (let i = 0; i < 3; i++) {
      const res = await deliver(m.orgId, secret, event);
      expect(res.status).toBe(200);
      expect(res.body.result).toBe('duplicate');
    }
    // Ten copies at once: still one outcome.
    const concurrent = disputeCreated(pi);
    const answers = await Promise.all(Array.from({ length: 10 }, () => deliver(m.orgId, secret, concurrent)));
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
    expect(answers.filter((a) => a.body.result === 'recorded')).toHaveLength(1);
    const after = await footprint(owner, m.orgId);
    expect(after.outcomes).toBe(before.outcomes + 1);
    expect((await detectionOf(m.session, detection.id)).outcomes.map((o: { id: string }) => o.id)).toEqual([event.id, concurrent.id]);
  });

  it('an event for a payment Orylo never scored is acknowledged (200) and writes no outcome', async () => {
    const before = await footprint(owner, m.orgId);
    const event = disputeCreated(stripeId('pi'));
    const res = await deliver(m.orgId, secret, event);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ received: true, result: 'unknown_payment' });
    const after = await footprint(owner, m.orgId);
    expect({ ...after, recent: null }).toEqual({ ...before, recent: null });
    // A dispute with no PaymentIntent at all (a Charges API payment): the same.
    expect((await deliver(m.orgId, secret, disputeCreated(null))).body.result).toBe('unknown_payment');
    // It shows among the recent events, so the merchant sees it arrived.
    const { body } = await getStripeStatus(m.session);
    expect(body.stripe.recentEvents).toEqual(expect.arrayContaining([expect.objectContaining({ id: event.id, type: 'charge.dispute.created', result: 'unknown_payment' })]));
  });

  it('other event types are acknowledged (200) and ignored', async () => {
    const before = await footprint(owner, m.orgId);
    const event = otherEvent();
    const res = await deliver(m.orgId, secret, event);
    expect(res.status).toBe(200);
    expect(res.body.result).toBe('ignored');
    expect({ ...(await footprint(owner, m.orgId)), recent: null }).toEqual({ ...before, recent: null });
  });

  it('another organization’s detection with the same externalId is untouched', async () => {
    const { pi, detection } = await scoredPayment();
    const theirs = await postTx(other, { externalId: pi });
    const theirsBefore = await footprint(owner, other.orgId);
    expect((await deliver(m.orgId, secret, chargeRefunded(pi))).body.result).toBe('recorded');
    expect((await detectionOf(m.session, detection.id)).outcomes).toHaveLength(1);
    expect(await footprint(owner, other.orgId)).toEqual(theirsBefore);
    expect((await detectionOf(other.session, theirs.id)).outcomes).toEqual([]);
    // And m's secret posted to the other org's endpoint is refused: it has none.
    expect((await deliver(other.orgId, secret, chargeRefunded(pi))).status).toBe(400);
  });

  it('a secret rolled in Stripe: deliveries signed with the old and the new secret verify against the new one saved', async () => {
    const n = await newMerchant('stripe-roll');
    const [oldSecret, newSecret] = [newSigningSecret(), newSigningSecret()];
    expect((await putStripeSecret(n.session, { webhookSecret: newSecret })).status).toBe(200);
    const { pi } = await scoredPayment(n);
    const payload = JSON.stringify(chargeRefunded(pi));
    // While a roll lasts, Stripe signs each delivery with both secrets: t=…,v1=<old>,v1=<new>.
    const t = Math.floor(Date.now() / 1000);
    const v1 = (secret: string) => sign(payload, secret, t).split(',').find((part) => part.startsWith('v1='))!;
    const res = await postToWebhook(n.orgId, payload, `t=${t},${v1(oldSecret)},${v1(newSecret)}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.result).toBe('recorded');
    // Only the old one: refused.
    const again = JSON.stringify(chargeRefunded(pi));
    expect((await postToWebhook(n.orgId, again, sign(again, oldSecret))).status).toBe(400);
  });

  it('keeps at most 20 recent events, newest first', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 22; i++) {
      const event = otherEvent();
      ids.push(event.id);
      expect((await deliver(m.orgId, secret, event)).status).toBe(200);
    }
    const { body } = await getStripeStatus(m.session);
    expect(body.stripe.recentEvents.map((e: { id: string }) => e.id)).toEqual(ids.reverse().slice(0, 20));
  });
});

describe('refused deliveries: 400 and nothing changed', () => {
  let pi: string;
  let event: ReturnType<typeof disputeCreated>;
  let payload: string;
  beforeAll(async () => {
    ({ pi } = await scoredPayment());
    event = disputeCreated(pi);
    payload = JSON.stringify(event);
  });

  async function expectRefused(attempt: () => Promise<{ status: number; body: any }>, message: RegExp, orgId = m.orgId) {
    const before = await footprint(owner, orgId);
    const res = await attempt();
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.body.error.code).toBe('bad_request');
    expect(res.body.error.message).toMatch(message);
    expect(await footprint(owner, orgId)).toEqual(before);
    return res.body.error.message as string;
  }

  it('a bad signature, a wrong secret, an unknown org, a malformed org id and an org without a secret answer alike', async () => {
    const good = sign(payload, secret);
    const tampered = good.replace(/v1=[0-9a-f]+/, `v1=${'f'.repeat(64)}`);
    expect(tampered).not.toBe(good);
    const messages = [
      await expectRefused(() => postToWebhook(m.orgId, payload, tampered), /signature verification failed/i),
      await expectRefused(() => postToWebhook(m.orgId, payload, sign(payload, newSigningSecret())), /signature verification failed/i),
      // The body changed after signing.
      await expectRefused(() => postToWebhook(m.orgId, payload.replace('fraudulent', 'general'), sign(payload, secret)), /signature verification failed/i),
      await expectRefused(() => postToWebhook(m.orgId, payload, 't=12345'), /signature verification failed/i),
      await expectRefused(() => postToWebhook('no-such-org-abcdefghijklmnop', payload, sign(payload, secret)), /signature verification failed/i),
      await expectRefused(() => postToWebhook("x' or 1=1 --", payload, sign(payload, secret)), /signature verification failed/i),
      await expectRefused(() => postToWebhook(other.orgId, payload, sign(payload, secret)), /signature verification failed/i, other.orgId),
    ];
    // One answer: a prober learns nothing about which organizations exist or have Stripe connected.
    expect(new Set(messages).size).toBe(1);
  });

  it('a timestamp older than 5 minutes (a replay)', async () => {
    await expectRefused(() => postToWebhook(m.orgId, payload, sign(payload, secret, Math.floor(Date.now() / 1000) - 6 * 60)), /more than 5 minutes old/);
  });

  it('no Stripe-Signature header', async () => {
    await expectRefused(() => postToWebhook(m.orgId, payload, null), /Missing the Stripe-Signature header/);
  });

  it('a garbage body, unsigned or signed', async () => {
    const garbage = '{"id": "evt_1", "type": charge.dispute.created';
    await expectRefused(() => postToWebhook(m.orgId, garbage, sign(payload, secret)), /signature verification failed/i);
    await expectRefused(() => postToWebhook(m.orgId, garbage, sign(garbage, secret)), /signed but is not a JSON Stripe event/);
    const notAnEvent = JSON.stringify({ hello: 'world' });
    await expectRefused(() => postToWebhook(m.orgId, notAnEvent, sign(notAnEvent, secret)), /signed but is not a Stripe event/);
    const deep = `${'['.repeat(100)}${']'.repeat(100)}`;
    await expectRefused(() => postToWebhook(m.orgId, deep, sign(deep, secret)), /nested more than/);
  });

  it('a body over 256 KB is a 413 before anything is read', async () => {
    const big = JSON.stringify({ ...event, padding: 'x'.repeat(300 * 1024) });
    const before = await footprint(owner, m.orgId);
    const res = await postToWebhook(m.orgId, big, sign(big, secret));
    expect(res.status).toBe(413);
    expect(await footprint(owner, m.orgId)).toEqual(before);
  });

  it('after the secret is removed, deliveries signed with it are refused', async () => {
    const n = await newMerchant('stripe-removed');
    const s = newSigningSecret();
    expect((await putStripeSecret(n.session, { webhookSecret: s })).status).toBe(200);
    const { pi: theirPi } = await scoredPayment(n);
    expect((await deliver(n.orgId, s, chargeRefunded(theirPi))).status).toBe(200);
    expect((await n.session.fetch('/api/v1/settings/stripe', { method: 'DELETE' })).status).toBe(200);
    const refund = JSON.stringify(chargeRefunded(theirPi));
    await expectRefused(() => postToWebhook(n.orgId, refund, sign(refund, s)), /signature verification failed/i, n.orgId);
  });
});
