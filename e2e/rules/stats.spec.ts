import { expect, test } from '@playwright/test';
import { createApiKey, newRunId, signUpAndCreateOrg } from '../helpers';

// The rules page's performance column: the figures of GET /api/v1/rules/:id/stats
// for each rule, a window switcher for the table, and a table that still fits
// 1,280 px with the column added.

test('the rules table shows each rule’s fires, reviews and precision, over the window chosen, within 1,280 px', async ({ page }) => {
  const run = newRunId();
  await page.setViewportSize({ width: 1280, height: 800 });
  await signUpAndCreateOrg(page, 'rulestats', run);
  const key = await createApiKey(page);
  const origin = new URL(page.url()).origin;

  // A rule of its own, above 1,000.00 → REVIEW, and three payments it fires on.
  const ruleKey = `e2e_big_${run.slice(-6)}`;
  const created = await page.request.post('/api/v1/rules', {
    headers: { Origin: origin },
    data: { key: ruleKey, name: 'Big amount (e2e)', feature: 'amount', operator: '>', threshold: 100_000, action: 'REVIEW' },
  });
  expect(created.status(), await created.text()).toBe(201);
  const ids: string[] = [];
  for (let i = 0; i < 3; i++) {
    const res = await page.request.post('/api/v1/transactions', {
      headers: { Authorization: `Bearer ${key}` },
      data: { externalId: `big-${run}-${i}`, amount: 150_000, currency: 'EUR', ip: `198.51.100.${10 + i}`, email: `big${i}-${run}@example.com` },
    });
    expect(res.status(), await res.text()).toBe(201);
    ids.push((await res.json()).detection.id);
  }
  const review = await page.request.post(`/api/v1/detections/${ids[0]}/review`, { headers: { Origin: origin }, data: { action: 'approve' } });
  expect(review.status(), await review.text()).toBe(200);
  const label = await page.request.post(`/api/v1/detections/${ids[1]}/events`, { headers: { Origin: origin }, data: { type: 'chargeback' } });
  expect(label.status(), await label.text()).toBe(201);

  await page.goto('/settings/rules');
  const row = page.locator(`[data-testid="rule-row"][data-rule-key="${ruleKey}"]`);
  const cell = row.getByTestId('rule-stats');
  const windows = page.getByRole('group', { name: 'Performance window' });
  await expect(windows.getByRole('button', { name: '7 d' })).toHaveAttribute('aria-pressed', 'true');
  await expect(cell).toContainText('3 fires · 3 decided');
  await expect(cell).toContainText('✓ 1 / ✗ 0');
  await expect(cell).toContainText('precision 100%');
  // A default rule that never fired says so in figures, not a blank.
  await expect(page.locator('[data-testid="rule-row"]').first().getByTestId('rule-stats')).toContainText('0 fires');

  await windows.getByRole('button', { name: '30 d' }).click();
  await expect(windows.getByRole('button', { name: '30 d' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('columnheader', { name: /Last 30 days/ })).toBeVisible();
  await expect(cell).toContainText('3 fires · 3 decided');

  // The whole table fits: no scroll in the page or in the table's own wrapper.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
  const wrap = page.getByTestId('rules-table').locator('xpath=..');
  const { scroll, client } = await wrap.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
  expect(scroll, 'the rules table scrolls sideways at 1,280 px').toBeLessThanOrEqual(client);
});
