import { expect, test, type Page } from '@playwright/test';
import { cardTestingBurst, createApiKey, expectAbsentFor, expectToastsClear, newRunId, postAttempt, row, signUpAndCreateOrg } from '../helpers';

// Toasts a fraud team wants: nothing for routine sales, one counting toast for
// payments to review or blocked, the attack toast once per incident and never
// over what the team acts on; and a notifications menu that opens with what
// happened before the tab did.

const toasts = (page: Page) => page.locator('[data-sonner-toast]');

test('ALLOW traffic never toasts; REVIEW and BLOCK are grouped and counted; a new tab lists them in the menu', async ({ browser, baseURL }) => {
  const run = newRunId();
  const context = await browser.newContext();
  const page = await context.newPage();
  await signUpAndCreateOrg(page, 'toasts', run);
  const key = await createApiKey(page);

  await test.step('three ordinary sales show in the table, with no toast', async () => {
    // Whatever the sign-up said has gone first.
    await expect(toasts(page)).toHaveCount(0);
    for (let i = 0; i < 3; i++) {
      const d = await postAttempt(page.request, key, { externalId: `ok_${i}_${run}`, ip: `198.51.100.${10 + i}`, card: `ok${i}${run}`, email: `shopper${i}-${run}@example.com`, amount: 2_500 });
      expect(d.decision).toBe('ALLOW');
    }
    for (let i = 0; i < 3; i++) await expect(row(page, `ok_${i}_${run}`)).toBeVisible({ timeout: 10_000 });
    await expectAbsentFor(page, toasts(page), 3_000);
  });

  await test.step('three blocked payments and one to review: one toast that counts them', async () => {
    const blockedIp = '198.51.100.200';
    const listed = await page.request.post('/api/v1/lists', { headers: { Origin: baseURL! }, data: { type: 'ip', value: blockedIp, action: 'block', reason: 'e2e' } });
    expect(listed.status(), await listed.text()).toBe(201);
    const decisions: string[] = [];
    for (let i = 0; i < 3; i++) decisions.push((await postAttempt(page.request, key, { externalId: `bl_${i}_${run}`, ip: blockedIp, card: `bl${run}` })).decision);
    // More than 5 attempts from one IP in 30 minutes: the sixth goes to review (a default rule).
    for (let i = 0; i < 6; i++) decisions.push((await postAttempt(page.request, key, { externalId: `rv_${i}_${run}`, ip: '198.51.100.77', card: `rv${run}`, amount: 4_000 })).decision);
    expect(decisions.filter((d) => d === 'BLOCK')).toHaveLength(3);
    expect(decisions.filter((d) => d === 'REVIEW')).toHaveLength(1);
    await expect(row(page, `rv_5_${run}`)).toBeVisible({ timeout: 10_000 });
    const grouped = toasts(page).filter({ hasText: '4 flagged payments' });
    await expect(grouped).toHaveCount(1);
    await expect(grouped).toContainText('3 blocked, 1 to review');
    await expect(toasts(page)).toHaveCount(1);
  });

  await test.step('a tab opened now lists them in the notifications menu', async () => {
    const tab = await context.newPage();
    await tab.goto('/dashboard');
    await tab.getByTestId('notifications-button').click();
    const items = tab.getByTestId('notifications-panel').getByTestId('notifications-item');
    await expect(items.filter({ hasText: '3 blocked payments' })).toHaveCount(1);
    await expect(items.filter({ hasText: '1 payment to review' })).toHaveCount(1);
    await expect(tab.getByTestId('notifications-empty')).toHaveCount(0);
  });
  await context.close();
});

test('the attack toast shows once per incident and covers neither the banner, the header, the war room nor the drawer (desktop and phone)', async ({ browser, request }) => {
  const run = newRunId();
  const desktop = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await desktop.newPage();
  await signUpAndCreateOrg(page, 'attack-toast', run);
  const key = await createApiKey(page);
  await cardTestingBurst(request, key, run);
  await expect(page.getByTestId('war-room-banner')).toBeVisible({ timeout: 10_000 });

  const attackToast = (p: Page) => toasts(p).filter({ hasText: 'Card-testing attack under way' });
  const targets = (p: Page) => ({
    'the banner\'s "Open the war room" link': p.getByRole('link', { name: 'Open the war room' }),
    'the connection badge': p.getByTestId('connection-state'),
    'the notifications button': p.getByTestId('notifications-button'),
    'the sign-out button': p.getByRole('button', { name: /sign out/i }),
    'the war room\'s "Block for" choice': p.getByTestId('war-duration'),
    'the war room\'s tighten button': p.getByTestId('war-tighten'),
    'the war room\'s CSV export': p.getByTestId('war-export'),
  });
  // Sonner slides a toast in: read the boxes where it comes to rest.
  const settled = async (p: Page) => {
    await expect(attackToast(p)).toHaveAttribute('data-mounted', 'true');
    await p.waitForTimeout(800);
  };

  await test.step('desktop: the toast rests clear of every control at the top', async () => {
    await expect(attackToast(page)).toHaveCount(1);
    await settled(page);
    await expectToastsClear(page, targets(page));
  });

  await test.step("desktop: nor over the drawer's decision", async () => {
    await page.getByTestId('detection-row').first().click();
    await expectToastsClear(page, { "the drawer's decision": page.getByTestId('detection-drawer').getByTestId('decision-badge') });
    await page.keyboard.press('Escape');
  });

  await test.step('a reload of the same tab does not raise it again', async () => {
    await page.reload();
    await expect(page.getByTestId('war-room-banner')).toBeVisible();
    await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'live');
    await expectAbsentFor(page, attackToast(page), 3_000);
  });

  await test.step('a phone (390×844): a new tab raises it once, clear of the banner, the header, the war room and the drawer', async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, storageState: await desktop.storageState() });
    const mobile = await phone.newPage();
    await mobile.goto('/dashboard');
    await expect(mobile.getByTestId('war-room-banner')).toBeVisible();
    await expect(attackToast(mobile)).toHaveCount(1, { timeout: 10_000 });
    await settled(mobile);
    await expectToastsClear(mobile, targets(mobile));
    await mobile.getByTestId('detection-row').first().click();
    await expectToastsClear(mobile, { "the drawer's decision": mobile.getByTestId('detection-drawer').getByTestId('decision-badge') });
    await phone.close();
  });
  await desktop.close();
});
