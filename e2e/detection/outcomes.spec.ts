import { expect, request as playwrightRequest, test, type APIRequestContext, type Page } from '@playwright/test';
import { connectionState, createApiKey, joinOrgAs, newRunId, postTransaction, row, signUpAndCreateOrg } from '../helpers';

// Outcomes and labels (README, "Outcomes and labels"): a chargeback the
// merchant's backend reports shows in an open drawer with the fraud label; an
// analyst marks the payment legit and another open dashboard sees it without a
// reload; a viewer reads the timeline and is offered no buttons.

test.describe.configure({ mode: 'serial' });

let run = '';
let key = '';
let externalId = '';
let ingest: APIRequestContext;
let owner: Page;
let analyst: Page;
let viewer: Page;

const drawerOf = (page: Page) => page.getByTestId('detection-drawer');
const labelIn = (page: Page) => drawerOf(page).getByTestId('detection-label');

async function openDrawer(page: Page) {
  await page.goto('/dashboard');
  await row(page, externalId).click();
  await expect(drawerOf(page)).toContainText(externalId);
  // Live before anything changes: the stream sends detection_updated from the moment it connects,
  // it does not replay updates made while it was connecting.
  await expect(connectionState(page)).toHaveAttribute('data-state', 'live');
}

test.beforeAll(async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  run = newRunId();
  ingest = await playwrightRequest.newContext({ baseURL });
  owner = await (await browser.newContext()).newPage();
  await signUpAndCreateOrg(owner, 'outcomes', run);
  key = await createApiKey(owner);
  analyst = await joinOrgAs(browser, owner, 'analyst', run);
  viewer = await joinOrgAs(browser, owner, 'viewer', run);
  externalId = `pi_outcome_${run}`;
  await postTransaction(ingest, key, externalId);
});

test.afterAll(async () => {
  for (const page of [owner, analyst, viewer]) await page?.context().close();
  await ingest?.dispose();
});

test('a chargeback reported by the API shows in the open drawer, labelled fraud', async () => {
  await openDrawer(owner);
  await expect(labelIn(owner)).toHaveAttribute('data-label', 'none');
  await expect(drawerOf(owner).getByTestId('outcomes-empty')).toBeVisible();

  const res = await ingest.post(`/api/v1/transactions/${externalId}/events`, {
    headers: { Authorization: `Bearer ${key}` },
    data: { type: 'chargeback', id: `dp_${run}`, reason: 'Cardholder says it was not them', amount: 4999 },
  });
  expect(res.status(), await res.text()).toBe(201);

  // No reload: the stream's detection_updated brings the new row.
  await expect(labelIn(owner)).toHaveAttribute('data-label', 'fraud');
  const outcome = drawerOf(owner).getByTestId('outcome');
  await expect(outcome).toHaveCount(1);
  await expect(outcome).toContainText('Chargeback');
  await expect(outcome).toContainText('Cardholder says it was not them');
  await expect(outcome).toContainText('49.99');
});

test('an analyst marks it legit and the owner’s open drawer follows live', async () => {
  await openDrawer(analyst);
  await expect(labelIn(analyst)).toHaveAttribute('data-label', 'fraud');
  await drawerOf(analyst).getByTestId('label-reason').fill('Customer confirmed by phone');
  await drawerOf(analyst).getByTestId('mark-legit').click();
  await expect(labelIn(analyst)).toHaveAttribute('data-label', 'legit');

  await expect(labelIn(owner)).toHaveAttribute('data-label', 'legit');
  const latest = drawerOf(owner).getByTestId('outcome').last();
  await expect(latest).toHaveAttribute('data-type', 'legit_confirmed');
  await expect(latest).toContainText('Customer confirmed by phone');
});

test('a viewer reads the outcomes and is offered no buttons', async () => {
  await openDrawer(viewer);
  await expect(labelIn(viewer)).toHaveAttribute('data-label', 'legit');
  await expect(drawerOf(viewer).getByTestId('outcome')).toHaveCount(2);
  await expect(drawerOf(viewer).getByTestId('mark-fraud')).toHaveCount(0);
  await expect(drawerOf(viewer).getByTestId('mark-legit')).toHaveCount(0);
});
