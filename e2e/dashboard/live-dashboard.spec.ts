import { expect, test, type APIRequestContext, type Locator, type Page } from '@playwright/test';

// A detection posted with an API key appears live on its organization's open
// dashboard (row, counter, toast) and never on another organization's.

const PASSWORD = 'orylo-e2e-password-42';
// Unique per test run (and per --repeat-each), so users, orgs and ids never collide.
// Base 36, not Date.now() digits: the ingest API refuses any 13–19 digit run
// that passes the Luhn check as a possible card number.
const newRunId = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}`;

async function signUpAndCreateOrg(page: Page, who: string, run: string): Promise<void> {
  await page.goto('/sign-up');
  await page.getByLabel('Name', { exact: true }).fill(`User ${who}`);
  await page.getByLabel('Work email').fill(`${who}-${run}@example.com`);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL('**/onboarding');

  await page.getByLabel('Organization name').fill(`Org ${who} ${run}`);
  await page.getByRole('button', { name: 'Create organization' }).click();
  await page.waitForURL('**/dashboard');
  await expect(page.getByTestId('detections-empty')).toBeVisible();
  await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'live');
  await expect(page.getByTestId('connection-state')).toHaveText('Live');
}

/** Creates a key on the API keys page of a new tab and reads the secret shown once. */
async function createApiKey(page: Page): Promise<string> {
  const tab = await page.context().newPage();
  await tab.goto('/settings/api-keys');
  await tab.getByLabel('Key name').fill('e2e checkout');
  await tab.getByTestId('create-api-key').click();
  const secret = tab.getByTestId('api-key-secret');
  await expect(secret).toHaveText(/^orylo_sk_\S+$/);
  const key = (await secret.textContent())!.trim();
  await expect(tab.getByTestId('api-key-row')).toHaveCount(1);
  await tab.close();
  return key;
}

async function postTransaction(request: APIRequestContext, key: string, externalId: string) {
  const res = await request.post('/api/v1/transactions', {
    headers: { Authorization: `Bearer ${key}` },
    data: {
      externalId,
      amount: 4999,
      currency: 'EUR',
      email: 'jane@example.com',
      ip: '203.0.113.7',
      card: { fingerprint: `fp_${externalId}`, bin: '424242', last4: '4242' },
      authStatus: 'authorized',
    },
  });
  expect(res.status(), await res.text()).toBe(201);
}

const row = (page: Page, externalId: string): Locator =>
  page.locator(`[data-testid="detection-row"][data-external-id="${externalId}"]`);

/** Asserts the locator stays absent for the whole window, checking the live page repeatedly. */
async function expectAbsentFor(page: Page, locator: Locator, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    await expect(locator).toHaveCount(0);
    await page.waitForTimeout(250);
  }
  await expect(locator).toHaveCount(0);
}

test('a posted transaction appears live for its organization only', async ({ browser, request }) => {
  const run = newRunId();
  const contextA = await browser.newContext();
  const contextB = await browser.newContext();
  const dashboardA = await contextA.newPage();
  const dashboardB = await contextB.newPage();
  const firstId = `e2e_a1_${run}`;
  const secondId = `e2e_a2_${run}`;

  await test.step('user A signs up, creates an org and an API key', async () => {
    await signUpAndCreateOrg(dashboardA, 'a', run);
  });
  const keyA = await createApiKey(dashboardA);

  await test.step('a transaction shows on the open dashboard without a reload', async () => {
    await postTransaction(request, keyA, firstId);
    const newRow = row(dashboardA, firstId);
    await expect(newRow).toBeVisible({ timeout: 10_000 });
    await expect(dashboardA.getByText('1 new detection', { exact: true })).toBeVisible();
    await expect(newRow.getByTestId('decision-badge')).toHaveText(/^(ALLOW|REVIEW|BLOCK)$/);
    await expect(newRow).toContainText('424242 •••• 4242');
    await expect(dashboardA.getByTestId('kpi-total')).toHaveText('1');
    await expect(dashboardA.getByTestId('connection-state')).toHaveAttribute('data-state', 'live');

    await newRow.click();
    await expect(dashboardA.getByTestId('detection-drawer')).toContainText(firstId);
    await dashboardA.keyboard.press('Escape');
    await expect(dashboardA.getByTestId('detection-drawer')).toBeHidden();
  });

  await test.step('user B, in another org, sees none of it', async () => {
    await signUpAndCreateOrg(dashboardB, 'b', run);
    await expect(dashboardB.locator('body')).not.toContainText(firstId);
    await expect(dashboardB.getByTestId('kpi-total')).toHaveText('0');
    const list = await contextB.request.get('/api/v1/detections?limit=200');
    expect(list.status()).toBe(200);
    expect(JSON.stringify(await list.json())).not.toContain(firstId);
  });

  await test.step("A's next transaction reaches A live, and never B", async () => {
    await postTransaction(request, keyA, secondId);
    await expect(row(dashboardA, secondId)).toBeVisible({ timeout: 10_000 });
    await expect(dashboardA.getByTestId('kpi-total')).toHaveText('2');
    await expectAbsentFor(dashboardB, dashboardB.getByText(secondId), 7_000);
    await expect(dashboardB.locator('body')).not.toContainText(firstId);
    await expect(dashboardB.getByTestId('detections-empty')).toBeVisible();
    await expect(dashboardB.getByTestId('connection-state')).toHaveAttribute('data-state', 'live');
  });

  await test.step("B's own transaction, streamed after A's, shows for B alone", async () => {
    // The stream delivers in commit order: once B sees its own later row, an
    // earlier leak of A's row would already be on B's page.
    const keyB = await createApiKey(dashboardB);
    const ownId = `e2e_b1_${run}`;
    await postTransaction(request, keyB, ownId);
    await expect(row(dashboardB, ownId)).toBeVisible({ timeout: 10_000 });
    await expect(dashboardB.getByTestId('detection-row')).toHaveCount(1);
    await expect(dashboardB.locator('body')).not.toContainText(secondId);
    await expect(dashboardB.getByTestId('kpi-total')).toHaveText('1');
    await expectAbsentFor(dashboardA, row(dashboardA, ownId), 2_000);
  });

  await contextA.close();
  await contextB.close();
});
