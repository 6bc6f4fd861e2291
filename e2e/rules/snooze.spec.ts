import { expect, request as playwrightRequest, test, type APIRequestContext, type Page } from '@playwright/test';
import { createApiKey, joinOrgAs, newRunId, signUpAndCreateOrg } from '../helpers';

// Snoozing a rule for one customer (README, "Snoozing a rule for one customer"): an analyst opens a
// detection a rule sent to review, snoozes that rule for the payment's email for 24 h with a reason,
// sees it listed; the next payment from that email is no longer decided by the rule, another
// email's still is; "End now" gives the rule back; a viewer is offered none of it.

test.describe.configure({ mode: 'serial' });

let run = '';
let key = '';
let ingest: APIRequestContext;
let owner: Page;
let analyst: Page;
let viewer: Page;
let email = '';
let reviewed: TPaid;

type TReason = { code: string; message: string; mode?: string };
type TPaid = { id: string; externalId: string; decision: string; reasons: TReason[]; shadow: TReason[] };

async function pay(externalId: string, buyer: string): Promise<TPaid> {
  const res = await ingest.post('/api/v1/transactions', {
    headers: { Authorization: `Bearer ${key}` },
    data: { externalId, amount: 4999, currency: 'EUR', email: buyer, ip: '198.51.100.77', customerId: `cus_${externalId}`, card: { fingerprint: `fp_${externalId}`, bin: '535353', last4: '4444' }, authStatus: 'authorized' },
  });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()).detection;
}

test.beforeAll(async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  run = newRunId();
  email = `wholesale-${run}@example.com`;
  ingest = await playwrightRequest.newContext({ baseURL });
  owner = await (await browser.newContext()).newPage();
  await signUpAndCreateOrg(owner, 'snooze', run);
  key = await createApiKey(owner);
  const res = await owner.request.post('/api/v1/rules', {
    headers: { Origin: new URL(owner.url()).origin },
    data: { key: 'big_amount_review', name: 'Big amounts to review', feature: 'amount', operator: '>', threshold: 4000, action: 'REVIEW' },
  });
  expect(res.status(), await res.text()).toBe(201);
  analyst = await joinOrgAs(browser, owner, 'analyst', run);
  viewer = await joinOrgAs(browser, owner, 'viewer', run);
  reviewed = await pay(`reviewed_${run}`, email);
  expect(reviewed.decision).toBe('REVIEW');
});

test.afterAll(async () => {
  for (const page of [owner, analyst, viewer]) await page?.context().close();
  await ingest?.dispose();
});

test('an analyst snoozes the rule for the email for 24 h; the next payment from it is not decided by the rule', async () => {
  const page = analyst;
  await page.goto(`/detections/${reviewed.id}`);
  const detail = page.getByTestId('detection-page');
  await expect(detail.getByTestId('detection-reasons')).toContainText('big_amount_review');

  await test.step('snooze from the reason, with a reason of our own', async () => {
    await detail.getByTestId('snooze-open-big_amount_review').click();
    const form = detail.getByTestId('snooze-form-big_amount_review');
    await form.getByLabel('Stop this rule deciding for').selectOption({ label: `email ${email}` });
    await form.getByLabel('for', { exact: true }).selectOption('24h');
    await form.getByLabel('Reason').fill('Wholesale buyer, confirmed by phone');
    await form.getByRole('button', { name: 'Snooze', exact: true }).click();
    await expect(page.getByText(`“Big amounts to review” snoozed for email ${email}`)).toBeVisible();
    await expect(form).toHaveCount(0);
  });

  await test.step('listed under the reasons', async () => {
    const listed = detail.getByTestId('snooze').filter({ hasText: email });
    await expect(listed).toContainText('Big amounts to review');
    await expect(listed).toContainText('Wholesale buyer, confirmed by phone');
    await expect(listed).toHaveAttribute('data-entity-type', 'email');
    // The email is not offered twice; the payment's other keys still are.
    await detail.getByTestId('snooze-open-big_amount_review').click();
    const again = detail.getByTestId('snooze-form-big_amount_review');
    await expect(again.getByRole('option', { name: `customer cus_reviewed_${run}` })).toHaveCount(1);
    await expect(again.getByRole('option', { name: `email ${email}` })).toHaveCount(0);
    await again.getByRole('button', { name: 'Cancel' }).click();
  });

  await test.step('the next payment from the email is allowed, the rule reported in shadow; another email is still reviewed', async () => {
    const next = await pay(`after_snooze_${run}`, email);
    expect(next.decision).toBe('ALLOW');
    expect(next.reasons.map((r) => r.code)).not.toContain('big_amount_review');
    const shadow = next.shadow.find((r) => r.code === 'big_amount_review');
    expect(shadow?.message).toContain(`(snoozed for email ${email} until`);
    expect(shadow?.message).toContain('Wholesale buyer, confirmed by phone');
    expect(next.shadow.find((r) => r.code === 'snooze_decision')?.message).toContain('would be REVIEW');
    expect((await pay(`other_${run}`, `someone-else-${run}@example.com`)).decision).toBe('REVIEW');
  });
});

test('a viewer sees the snooze and is offered no snooze control', async () => {
  await viewer.goto(`/detections/${reviewed.id}`);
  const detail = viewer.getByTestId('detection-page');
  await expect(detail.getByTestId('snooze').filter({ hasText: email })).toBeVisible();
  await expect(detail.getByTestId('snooze-end')).toHaveCount(0);
  await expect(detail.getByTestId('snooze-open-big_amount_review')).toHaveCount(0);
});

test('"End now" gives the rule back for the email', async () => {
  await analyst.goto(`/detections/${reviewed.id}`);
  const detail = analyst.getByTestId('detection-page');
  await detail.getByTestId('snooze').filter({ hasText: email }).getByTestId('snooze-end').click();
  await expect(analyst.getByText(`“Big amounts to review” decides again for email ${email}`)).toBeVisible();
  await expect(detail.getByTestId('snooze')).toHaveCount(0);
  expect((await pay(`after_end_${run}`, email)).decision).toBe('REVIEW');
});
