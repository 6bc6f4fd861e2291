import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { PASSWORD, sessionOf } from '../helpers';
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

const PUBLIC_PAGES = [
  ['/', 'landing'],
  ['/sign-in', 'sign-in'],
  ['/sign-up', 'sign-up'],
  ['/forgot-password', 'forgot password'],
  ['/reset-password?token=from-the-email', 'reset password'],
] as const;

for (const [path, name] of PUBLIC_PAGES) {
  test(`${name}: no serious or critical violation`, async ({ page }) => {
    await page.goto(path);
    await expect(page.locator('h1').first()).toBeVisible();
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

test('first steps: onboarding (a new user with no organization) and an invitation opened by its invitee', async ({ browser }) => {
  const owner = await ownerPage(browser);
  await owner.goto('/dashboard');
  const origin = new URL(owner.url()).origin;
  const run = Date.now().toString(36);
  const { orgId } = await sessionOf(owner);
  const invited = await owner.request.post('/api/auth/organization/invite-member', { headers: { Origin: origin }, data: { email: `axe-invitee-${run}@example.com`, role: 'analyst', organizationId: orgId } });
  expect(invited.status()).toBe(200);
  const guest = await (await browser.newContext()).newPage();
  await guest.goto(`/invitations/${(await invited.json()).id}`);
  await expect(guest.getByTestId('invitation-page')).toBeVisible();
  await expectAccessible(guest, 'invitation');

  await guest.goto('/sign-up');
  await guest.locator('input[name="name"]').fill('New user');
  await guest.locator('input[name="email"]').fill(`axe-new-${run}@example.com`);
  await guest.locator('input[name="password"]').fill(PASSWORD);
  await guest.locator('form button[type="submit"]').click();
  await guest.waitForURL('**/onboarding');
  await expect(guest.locator('input[name="name"]')).toBeVisible();
  await expectAccessible(guest, 'onboarding');
  await Promise.all([owner.context().close(), guest.context().close()]);
});

test('the open dialogs and menus: the rule editor and the notifications menu', async ({ browser }) => {
  const page = await ownerPage(browser);
  await page.goto('/settings/rules');
  await page.getByTestId('new-rule').click();
  await expect(page.getByTestId('rule-editor')).toBeVisible();
  await expectAccessible(page, 'rule editor');
  await page.keyboard.press('Escape');
  await page.goto('/dashboard');
  await page.getByTestId('notifications-button').click();
  await expect(page.getByTestId('notifications-panel')).toBeVisible();
  await expectAccessible(page, 'notifications menu');
  await page.context().close();
});
