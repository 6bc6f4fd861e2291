import { expect, test } from '@playwright/test';
import { seedOrg, type TSeeded } from './seed';

// The dashboard with a keyboard: the skip link is the first Tab and lands
// past the header, a row opens its drawer with Enter, Escape closes it and
// focus is back on that row, ready for the next.

let seeded: TSeeded;
test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  seeded = await seedOrg(browser, 'keys');
});

test('skip link, a row opened with Enter, closed with Escape, focus back on the row', async ({ browser }) => {
  const page = await (await browser.newContext({ storageState: seeded.state })).newPage();
  await page.goto('/dashboard');
  const rows = page.getByTestId('detection-row');
  await expect(rows.first()).toBeVisible();

  await page.keyboard.press('Tab');
  const skip = page.locator('.skip-link');
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page.locator('main#main')).toBeFocused();

  const second = rows.nth(1);
  await second.focus();
  await page.keyboard.press('Enter');
  const drawer = page.getByTestId('detection-drawer');
  await expect(drawer).toBeVisible();
  await expect(drawer.getByRole('button').first()).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();
  await expect(second).toBeFocused();
  await page.context().close();
});
