import { expect, request as playwrightRequest, test, type APIRequestContext, type Page } from '@playwright/test';
import Stripe from 'stripe';
import { connectionState, createApiKey, joinOrgAs, newRunId, signUpAndCreateOrg } from '../helpers';

// Stripe (README, "Stripe"): an admin pastes the endpoint's signing secret and
// sees Stripe connected with the URL to give it; a dispute Stripe signs for a
// scored payment then shows on the detection's page as a chargeback, labelled fraud.

test.describe.configure({ mode: 'serial' });

let run = '';
let owner: Page;
let admin: Page;
let viewer: Page;
let api: APIRequestContext;
let key = '';
const secret = `whsec_${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}Stripe`;

test.beforeAll(async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  run = newRunId();
  api = await playwrightRequest.newContext({ baseURL });
  owner = await (await browser.newContext()).newPage();
  await signUpAndCreateOrg(owner, 'stripe', run);
  key = await createApiKey(owner);
  admin = await joinOrgAs(browser, owner, 'admin', run);
  viewer = await joinOrgAs(browser, owner, 'viewer', run);
});

test.afterAll(async () => {
  for (const page of [owner, admin, viewer]) await page?.context().close();
  await api?.dispose();
});

test('an admin pastes the signing secret and sees Stripe connected, with the endpoint URL', async () => {
  await admin.goto('/settings');
  await admin.getByRole('link', { name: 'Stripe' }).click();
  await admin.waitForURL('**/settings/stripe');
  await expect(admin.getByTestId('stripe-status')).toHaveAttribute('data-connected', 'false');
  await expect(admin.getByTestId('stripe-endpoint-url')).toHaveText(/\/api\/v1\/integrations\/stripe\/webhook\/[A-Za-z0-9_-]+$/);

  const input = admin.getByTestId('stripe-secret-input');
  await expect(input).toHaveAttribute('type', 'password');
  await input.fill('sk_live_not_the_right_thing_at_all');
  await admin.getByTestId('save-stripe-secret').click();
  // The field says why (a toast says it too).
  await expect(admin.getByTestId('stripe-secret-form').getByText('This is a Stripe API key, not a webhook signing secret')).toBeVisible();
  await expect(admin.getByTestId('stripe-status')).toHaveAttribute('data-connected', 'false');

  await input.fill(secret);
  await admin.getByTestId('save-stripe-secret').click();
  await expect(admin.getByTestId('stripe-status')).toHaveAttribute('data-connected', 'true');
  await expect(admin.getByTestId('stripe-status')).toContainText(`admin-${run}@example.com`);
  await expect(input).toHaveValue('');
  // The page never shows the secret again.
  expect(await admin.content()).not.toContain(secret);
});

test('a dispute signed by Stripe shows on the detection page as a chargeback, labelled fraud', async () => {
  const endpointUrl = (await admin.getByTestId('stripe-endpoint-url').textContent())!.trim();
  const pi = `pi_${run}Stripe`;
  const ingest = await api.post('/api/v1/transactions', {
    headers: { Authorization: `Bearer ${key}` },
    data: { externalId: pi, amount: 4999, currency: 'EUR', email: 'jane@example.com', ip: '203.0.113.7', card: { fingerprint: `fp_${run}`, bin: '424242', last4: '4242' }, authStatus: 'authorized' },
  });
  expect(ingest.status(), await ingest.text()).toBe(201);
  const { detection } = await ingest.json();

  await admin.goto(`/detections/${detection.id}`);
  await expect(admin.getByTestId('detection-label')).toHaveAttribute('data-label', 'none');
  // Live before the event: the stream sends detection_updated from the moment it connects.
  await expect(connectionState(admin)).toHaveAttribute('data-state', 'live');

  const event = {
    id: `evt_${run}Dispute`,
    object: 'event',
    api_version: '2025-10-29.clover',
    created: Math.floor(Date.now() / 1000) - 5,
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type: 'charge.dispute.created',
    data: {
      object: {
        id: `du_${run}`,
        object: 'dispute',
        amount: 4999,
        charge: `ch_${run}`,
        currency: 'eur',
        payment_intent: pi,
        reason: 'fraudulent',
        status: 'needs_response',
      },
    },
  };
  const payload = JSON.stringify(event);
  // As Stripe's servers post it: raw JSON, signed, no cookie, no Origin.
  const res = await api.post(new URL(endpointUrl).pathname, {
    headers: { 'Content-Type': 'application/json', 'Stripe-Signature': Stripe.webhooks.generateTestHeaderString({ payload, secret }) },
    data: payload,
  });
  expect(res.status(), await res.text()).toBe(200);

  // No reload: the stream brings the outcome to the open page.
  await expect(admin.getByTestId('detection-label')).toHaveAttribute('data-label', 'fraud');
  const outcome = admin.getByTestId('outcome');
  await expect(outcome).toHaveCount(1);
  await expect(outcome).toHaveAttribute('data-type', 'chargeback');
  await expect(outcome).toContainText('fraudulent');

  // And the settings page lists the delivery.
  await admin.goto('/settings/stripe');
  await expect(admin.getByTestId('stripe-recent-event').first()).toHaveAttribute('data-result', 'recorded');
});

test('a viewer sees the connection and the URL, and no secret field', async () => {
  await viewer.goto('/settings/stripe');
  await expect(viewer.getByTestId('stripe-status')).toHaveAttribute('data-connected', 'true');
  await expect(viewer.getByTestId('stripe-endpoint-url')).toBeVisible();
  await expect(viewer.getByTestId('role-note')).toContainText('can’t connect or disconnect Stripe');
  await expect(viewer.getByTestId('stripe-secret-input')).toHaveCount(0);
});
