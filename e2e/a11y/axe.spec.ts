import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { seedOrg, SIGNED_IN_PAGES, type TSeeded } from './seed';

// Every page of Orylo through axe-core (WCAG 2.1 A and AA rules), with real
// data on it: ordinary payments, a card-testing attack (an incident, items to
// review), a detection's drawer open. No serious or critical violation may
// remain. Each page's summary goes to the output ("[axe] …"), which the
// closing note quotes.

let seeded: TSeeded;

async function expectAccessible(page: Page, name: string): Promise<void> {
  // Toasts are left out: they fade in and out, and axe reads a half-transparent toast's contrast as a
  // failure or a pass depending on the frame. Their colours are set to AA in globals.css.
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).exclude('[data-sonner-toaster]').analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const details = bad.map((v) => `${v.id} (${v.nodes.length}: ${v.nodes.slice(0, 2).map((n) => n.target.join(' ')).join(' | ')})`);
  console.log(`[axe] ${name}: ${bad.length} serious/critical, ${result.violations.length - bad.length} minor/moderate, ${result.passes.length} rules passed${bad.length ? ` — ${details.join(', ')}` : ''}`);
  expect(details, `${name}: ${bad.map((v) => v.help).join('; ')}`).toEqual([]);
}

const ownerPage = async (browser: Browser): Promise<Page> => (await browser.newContext({ storageState: seeded.state })).newPage();

test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  seeded = await seedOrg(browser, 'axe');
});

for (const [path, name] of [['/sign-in', 'sign-in'], ['/sign-up', 'sign-up']] as const) {
  test(`${name}: no serious or critical violation`, async ({ page }) => {
    await page.goto(path);
    await expect(page.locator('form')).toBeVisible();
    await expectAccessible(page, name);
  });
}


for (const [path, name, ready] of SIGNED_IN_PAGES) {
  test(`${name}: no serious or critical violation`, async ({ browser }) => {
    const page = await ownerPage(browser);
    await page.goto(path);
    await expect(page.locator(ready).first()).toBeVisible();
    // Not networkidle: the live stream keeps a request open on every signed-in page.
    await page.waitForTimeout(300);
    await expectAccessible(page, name);
    await page.context().close();
  });
}

test('a detection (drawer and page) and an incident: no serious or critical violation', async ({ browser }) => {
  const page = await ownerPage(browser);
  await page.goto('/dashboard');
  await page.getByTestId('detection-row').first().click();
  await expect(page.getByTestId('detection-drawer')).toBeVisible();
  await expectAccessible(page, 'detection drawer');
  await page.goto(`/detections/${seeded.detectionId}`);
  await expect(page.locator('main h1').first()).toBeVisible();
  await expectAccessible(page, 'detection page');
  expect(seeded.incidentId, 'the card-testing burst opened an incident').not.toBe('');
  await page.goto(`/attacks/${seeded.incidentId}`);
  await expect(page.locator('main h1').first()).toBeVisible();
  await expectAccessible(page, 'incident page');
  await page.context().close();
});
