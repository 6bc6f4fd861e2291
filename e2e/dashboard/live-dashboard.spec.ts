import { expect, test } from '@playwright/test';
import { createApiKey, expectAbsentFor, newRunId, postTransaction, row, signUpAndCreateOrg } from '../helpers';

// A detection posted with an API key appears live on its organization's open
// dashboard (row, counter) and never on another organization's. (An ALLOW
// raises no toast: e2e/notifications/toasts.spec.ts.)

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
