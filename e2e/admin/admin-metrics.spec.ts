import { expect, test, type Page } from '@playwright/test';
import { grantPlatformAdmin } from '../helpers';

// A platform admin opens /admin: the live figures and the chart render, and
// a dashboard opened in another browser shows up as one more active connection
// (another tab of the same browser shares the first tab's stream).

const ADMIN_EMAIL = process.env.ORYLO_ADMIN_EMAIL ?? 'admin@orylo.test';
// The password tests/realtime/stream.test.ts uses: the integration tests may have made this user already.
const PASSWORD = 'correct-horse-battery';
const runId = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}`;

/** Signs the admin up, or in when the account exists, and makes sure the session has an organization. */
async function signInAsAdmin(page: Page): Promise<void> {
  await page.goto('/sign-up');
  await page.getByLabel('Name', { exact: true }).fill('Platform Admin');
  await page.getByLabel('Work email').fill(ADMIN_EMAIL);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();

  const signUpError = page.getByTestId('auth-error');
  await Promise.race([page.waitForURL(/\/(onboarding|dashboard)(\?|$)/).catch(() => {}), signUpError.waitFor().catch(() => {})]);
  if (await signUpError.isVisible()) {
    await expect(signUpError).toContainText(/exist/i);
    await page.goto('/sign-in');
    await page.getByLabel('Email').fill(ADMIN_EMAIL);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  // No organization yet (the (app) layout sends such users to onboarding): create one.
  const orgName = page.getByLabel('Organization name');
  const live = page.getByTestId('connection-state');
  await expect(orgName.or(live)).toBeVisible();
  if (await orgName.isVisible()) {
    await orgName.fill(`Admin org ${runId()}`);
    await page.getByRole('button', { name: 'Create organization' }).click();
    await page.waitForURL('**/dashboard');
  }
  await expect(live).toHaveAttribute('data-state', 'live');
  // The operator's grant (an unverified ADMIN_EMAILS sign-up is not an admin yet); the page reads the role anew.
  await grantPlatformAdmin();
  await page.reload();
  await expect(live).toHaveAttribute('data-state', 'live');
}

const figure = async (page: Page) => Number((await page.getByTestId('admin-active-connections').textContent())!.replace(/\D/g, ''));

test('the admin page shows live connections and counts a newly opened dashboard', async ({ browser }) => {
  const context = await browser.newContext();
  const admin = await context.newPage();
  await signInAsAdmin(admin);

  await test.step('the Admin link opens the live metrics', async () => {
    await admin.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' }).click();
    await admin.waitForURL('**/admin');
    await expect(admin.getByRole('heading', { name: 'Platform admin' })).toBeVisible();
    await expect(admin.getByTestId('admin-active-connections')).toHaveText(/^\d[\d,.\s]*$/);
    await expect(admin.getByTestId('admin-chart')).toBeVisible();
    await expect(admin.getByTestId('admin-chart-connections').locator('svg path').last()).toHaveAttribute('d', /^M/);
    await expect(admin.getByTestId('admin-reasons')).toBeVisible();
    // Polled every 2 s: the chart gathers samples while the page is open.
    await expect.poll(async () => Number(await admin.getByTestId('admin-chart').getAttribute('data-samples')), { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
  });

  await test.step('a second tab of the same browser shares its stream; another browser adds one', async () => {
    // This tab's own stream is live and counted once the next poll after it lands.
    await expect(admin.getByTestId('connection-state')).toHaveAttribute('data-state', 'live');
    const updatedAt = admin.getByTestId('admin-updated-at');
    const seen = await updatedAt.textContent();
    await expect(updatedAt).not.toHaveText(seen!, { timeout: 10_000 });
    const before = await figure(admin);

    const tab = await context.newPage();
    await tab.goto('/dashboard');
    await expect(tab.getByTestId('connection-state')).toHaveAttribute('data-state', 'live');
    await expect(tab.getByTestId('connection-state')).toHaveAttribute('data-role', 'follower');

    const otherBrowser = await browser.newContext();
    const other = await otherBrowser.newPage();
    await signInAsAdmin(other);
    await expect.poll(() => figure(admin), { timeout: 10_000 }).toBe(before + 1);
    await otherBrowser.close();
    await tab.close();
  });

  await context.close();
});
