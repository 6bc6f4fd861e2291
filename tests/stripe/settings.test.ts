import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE_URL, newMerchant, ownerSql, type Merchant } from '../helpers/env';
import { getStripeStatus, newSigningSecret, putStripeSecret } from './helpers';

// GET/PUT/DELETE /api/v1/settings/stripe (README, "Stripe"): the signing secret
// is validated, stored sealed, audited without its value, and never returned.

const owner = ownerSql();
let m: Merchant;
beforeAll(async () => {
  m = await newMerchant('stripe-settings');
});
afterAll(() => owner.end());

const connectionRow = async (orgId: string) => (await owner`select * from stripe_connections where organization_id = ${orgId}`)[0];

describe('Stripe settings', () => {
  it('starts not connected, with the endpoint URL to give Stripe and the four events', async () => {
    const { status, body } = await getStripeStatus(m.session);
    expect(status).toBe(200);
    expect(body.stripe).toEqual({
      connected: false,
      connectedAt: null,
      connectedBy: null,
      endpointUrl: `${BASE_URL}/api/v1/integrations/stripe/webhook/${m.orgId}`,
      events: [
        { type: 'charge.dispute.created', outcome: 'chargeback' },
        { type: 'radar.early_fraud_warning.created', outcome: 'early_fraud_warning' },
        { type: 'charge.refunded', outcome: 'refunded' },
        { type: 'payment_intent.payment_failed', outcome: 'declined' },
      ],
      recentEvents: [],
    });
  });

  it('PUT saves the secret sealed; GET says since when and by whom, never the secret', async () => {
    const secret = newSigningSecret();
    const put = await putStripeSecret(m.session, { webhookSecret: `  ${secret}\n` });
    expect(put.status).toBe(200);
    expect(put.body.stripe).toMatchObject({ connected: true, connectedBy: { email: m.email } });
    expect(JSON.stringify(put.body)).not.toContain(secret.slice(6));

    const get = await getStripeStatus(m.session);
    expect(get.body.stripe.connected).toBe(true);
    expect(Date.now() - Date.parse(get.body.stripe.connectedAt)).toBeLessThan(60_000);
    expect(get.text).not.toContain(secret.slice(6));

    // Stored sealed, not in the clear.
    const row = await connectionRow(m.orgId);
    expect(row.webhook_secret_sealed).toMatch(/^v1\./);
    expect(row.webhook_secret_sealed).not.toContain(secret.slice(6));
    // Audited, without the value.
    const audit = await owner`select action, before, after from audit_log where organization_id = ${m.orgId} and target_type = 'stripe_connection' order by created_at`;
    expect(audit.map((a) => a.action)).toEqual(['stripe.secret.set']);
    expect(JSON.stringify(audit)).not.toContain(secret.slice(6));
  });

  it('PUT again replaces the secret (audited as a replacement)', async () => {
    const before = await connectionRow(m.orgId);
    const secret = newSigningSecret();
    expect((await putStripeSecret(m.session, { webhookSecret: secret })).status).toBe(200);
    const after = await connectionRow(m.orgId);
    expect(after.webhook_secret_sealed).not.toBe(before.webhook_secret_sealed);
    const [last] = await owner`select action from audit_log where organization_id = ${m.orgId} and target_type = 'stripe_connection' order by created_at desc limit 1`;
    expect(last.action).toBe('stripe.secret.replace');
  });

  it('refuses a secret of the wrong shape with a message a person can act on, and stores nothing', async () => {
    const n = await newMerchant('stripe-bad-secret');
    const cases: [unknown, RegExp][] = [
      [{}, /starts with "whsec_"/],
      [{ webhookSecret: '' }, /starts with "whsec_"/],
      [{ webhookSecret: 42 }, /starts with "whsec_"/],
      [{ webhookSecret: 'whsec_short' }, /starts with "whsec_"/],
      [{ webhookSecret: 'sk_live_abcdefghijklmnopqrstuvwxyz' }, /API key, not a webhook signing secret/],
      [{ webhookSecret: `whsec_${'a'.repeat(30)} spaces inside` }, /starts with "whsec_"/],
      [{ webhookSecret: newSigningSecret(), extra: true }, /extra/i],
    ];
    for (const [body, message] of cases) {
      const res = await putStripeSecret(n.session, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.message).toMatch(message);
    }
    expect(await connectionRow(n.orgId)).toBeUndefined();
    expect((await owner`select count(*)::int as n from audit_log where organization_id = ${n.orgId} and target_type = 'stripe_connection'`)[0].n).toBe(0);
  });

  it('accepts a secret even where its digits look like a card number', async () => {
    const n = await newMerchant('stripe-cli-secret');
    // 16 digits passing the Luhn check between letters: the card-number detector refuses this as free text.
    const res = await putStripeSecret(n.session, { webhookSecret: 'whsec_AbCd4242424242424242XyZwQrStUvGhJk' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  });

  it('DELETE removes it (audited); a second DELETE is a 404', async () => {
    const del = await m.session.fetch('/api/v1/settings/stripe', { method: 'DELETE' });
    expect(del.status).toBe(200);
    expect((await del.json()).stripe.connected).toBe(false);
    expect(await connectionRow(m.orgId)).toBeUndefined();
    expect((await getStripeStatus(m.session)).body.stripe.connected).toBe(false);
    const [last] = await owner`select action from audit_log where organization_id = ${m.orgId} and target_type = 'stripe_connection' order by created_at desc limit 1`;
    expect(last.action).toBe('stripe.secret.remove');
    const again = await m.session.fetch('/api/v1/settings/stripe', { method: 'DELETE' });
    expect(again.status).toBe(404);
  });

  it('a cookie write from another site is refused (same-origin rule), and nothing is stored', async () => {
    const n = await newMerchant('stripe-csrf');
    const res = await fetch(`${BASE_URL}/api/v1/settings/stripe`, {
      method: 'PUT',
      headers: { cookie: n.session.cookieHeader, origin: 'https://evil.example', 'content-type': 'application/json' },
      body: JSON.stringify({ webhookSecret: newSigningSecret() }),
    });
    expect(res.status).toBe(403);
    expect(await connectionRow(n.orgId)).toBeUndefined();
  });
});
