import { describe, expect, it } from 'vitest';
import { findUnsafeText } from '@/lib/card-number';
import { toStripeOutcome, ZStripeEventSchema } from './event';
import { parseStripeSecretInput } from './schema';

const event = (type: string, object: object, created = 1_780_000_000) => ZStripeEventSchema.parse({ id: 'evt_Abc', object: 'event', type, created, data: { object } });
const at = new Date(1_780_000_000 * 1000).toISOString();

describe('toStripeOutcome', () => {
  it('a dispute is a chargeback with its amount and reason, on its PaymentIntent', () => {
    expect(toStripeOutcome(event('charge.dispute.created', { object: 'dispute', amount: 1200, reason: 'fraudulent', payment_intent: 'pi_A', charge: 'ch_A' }))).toEqual({
      paymentIntentId: 'pi_A',
      input: { type: 'chargeback', id: 'evt_Abc', occurredAt: at, amount: 1200, reason: 'fraudulent' },
    });
  });
  it('a dispute without payment_intent takes the expanded charge’s, else names no payment', () => {
    expect(toStripeOutcome(event('charge.dispute.created', { amount: 1, reason: 'general', payment_intent: null, charge: { id: 'ch_A', payment_intent: 'pi_B' } }))?.paymentIntentId).toBe('pi_B');
    expect(toStripeOutcome(event('charge.dispute.created', { amount: 1, reason: 'general', payment_intent: null, charge: 'ch_A' }))?.paymentIntentId).toBeNull();
  });
  it('an early fraud warning carries its fraud type; a refund its amount refunded; a failure its decline code, else its code', () => {
    expect(toStripeOutcome(event('radar.early_fraud_warning.created', { fraud_type: 'card_never_received', payment_intent: { id: 'pi_C' }, charge: 'ch_C' }))).toMatchObject({
      paymentIntentId: 'pi_C',
      input: { type: 'early_fraud_warning', reason: 'card_never_received' },
    });
    expect(toStripeOutcome(event('charge.refunded', { amount: 5000, amount_refunded: 2000, payment_intent: 'pi_D' }))).toMatchObject({ paymentIntentId: 'pi_D', input: { type: 'refunded', amount: 2000 } });
    expect(toStripeOutcome(event('payment_intent.payment_failed', { id: 'pi_E', last_payment_error: { code: 'card_declined', decline_code: 'stolen_card' } }))?.input).toMatchObject({ type: 'declined', declineCode: 'stolen_card' });
    expect(toStripeOutcome(event('payment_intent.payment_failed', { id: 'pi_E', last_payment_error: { code: 'expired_card' } }))?.input.declineCode).toBe('expired_card');
    expect(toStripeOutcome(event('payment_intent.payment_failed', { id: 'pi_E', last_payment_error: null }))?.input).not.toHaveProperty('declineCode');
  });
  it('an event dated ahead of the server’s clock happens now, not in the future', () => {
    const ahead = Math.floor(Date.now() / 1000) + 3600;
    const outcome = toStripeOutcome(event('charge.refunded', { amount_refunded: 1, payment_intent: 'pi_A' }, ahead));
    expect(Date.parse(outcome!.input.occurredAt!)).toBeLessThanOrEqual(Date.now());
  });
  it('other types are ignored (null), whatever their object', () => {
    expect(toStripeOutcome(event('customer.created', { id: 'cus_A' }))).toBeNull();
    expect(toStripeOutcome(event('constructor', {}))).toBeNull();
  });
  it('a recorded type whose object lacks what Stripe sends is a 400 naming the field', () => {
    expect(() => toStripeOutcome(event('charge.refunded', { amount_refunded: 'lots', payment_intent: 'pi_A' }))).toThrow(/data\.object\.amount_refunded/);
    expect(() => toStripeOutcome(event('payment_intent.payment_failed', {}))).toThrow(/data\.object\.id/);
  });
  it('refuses a card number smuggled into a reason', () => {
    expect(() => toStripeOutcome(event('charge.dispute.created', { amount: 1, reason: 'card 4242 4242 4242 4242', payment_intent: 'pi_A' }))).toThrow(/card/i);
  });
});

describe('parseStripeSecretInput', () => {
  it('takes a signing secret, trimmed', () => {
    expect(parseStripeSecretInput({ webhookSecret: ' whsec_abcdefghijklmnopqrstuvwxyz012345 ' })).toEqual({ webhookSecret: 'whsec_abcdefghijklmnopqrstuvwxyz012345' });
  });
  it('takes a secret whose digits the card-number detector would refuse as free text', () => {
    const secret = 'whsec_AbCd4242424242424242XyZwQrStUvGhJk';
    expect(findUnsafeText(secret)).not.toBeNull();
    expect(parseStripeSecretInput({ webhookSecret: secret }).webhookSecret).toBe(secret);
  });
  it('refuses anything else with a message a person can act on', () => {
    expect(() => parseStripeSecretInput({ webhookSecret: 'sk_test_abcdefghijklmnopqrstuvwxyz' })).toThrow(/API key, not a webhook signing secret/);
    expect(() => parseStripeSecretInput({ webhookSecret: 'whsec_' })).toThrow(/starts with "whsec_"/);
    expect(() => parseStripeSecretInput({})).toThrow(/webhookSecret/);
    expect(() => parseStripeSecretInput({ webhookSecret: 'whsec_abcdefghijklmnopqrstuvwxyz', more: 1 })).toThrow();
  });
});
