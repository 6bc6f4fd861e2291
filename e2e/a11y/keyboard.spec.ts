import { expect, test } from '@playwright/test';
import { seedOrg, type TSeeded } from './seed';

// The dashboard with a keyboard: the skip link is the first Tab and lands
// past the header, a row opens its drawer with Enter, Escape closes it and
// focus is back on that row, ready for the next; Tab stays inside the open
// drawer; the notifications menu opens and closes from the keyboard.

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
  // The drawer is modal: Tab and Shift+Tab go round its own controls, never to the page behind it.
  const focusInDrawer = () => drawer.evaluate((el) => el.contains(document.activeElement) && document.activeElement !== el);
  const seen = new Set<string>();
  // Backwards past its first control, then forwards past its last: both ends wrap around.
  const controls = await drawer.locator('a[href], button:not(:disabled), input:not(:disabled), select, textarea, [tabindex="0"]').count();
  for (const key of [...Array(3).fill('Shift+Tab'), ...Array(controls + 3).fill('Tab')]) {
    await page.keyboard.press(key);
    expect(await focusInDrawer(), `focus left the drawer after ${key}`).toBe(true);
    seen.add(await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 80) ?? ''));
  }
  expect(seen.size).toBeGreaterThan(2);
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();
  await expect(second).toBeFocused();
  await page.context().close();
});

test('the notifications menu opens from the keyboard, takes the focus and gives it back on Escape', async ({ browser }) => {
  const page = await (await browser.newContext({ storageState: seeded.state })).newPage();
  await page.goto('/dashboard');
  const bell = page.getByTestId('notifications-button');
  await bell.focus();
  await page.keyboard.press('Enter');
  const panel = page.getByTestId('notifications-panel');
  await expect(panel).toBeVisible();
  await expect(bell).toHaveAttribute('aria-expanded', 'true');
  expect(await panel.evaluate((el) => el.contains(document.activeElement))).toBe(true);
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
  await expect(bell).toBeFocused();
  await expect(bell).toHaveAttribute('aria-expanded', 'false');
  await page.context().close();
});
