import { expect, test } from '@playwright/test';
import { newRunId, signUpAndCreateOrg } from '../helpers';
import { expectNoEnglish, frenchPage } from './helpers';

// The language: a French browser gets French, the switcher's choice wins over
// the browser's and is remembered, and the page's lang follows.

test('a French browser gets the app in French; the switcher changes it and the choice is remembered', async ({ browser }) => {
  const page = await frenchPage(browser);
  await signUpAndCreateOrg(page, 'langfr', newRunId());
  const nav = page.getByRole('navigation', { name: 'Principale' });
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(nav.getByRole('link', { name: 'Tableau de bord' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Règles' })).toBeVisible();

  // English, chosen: the page speaks it at once, and again after a reload (the browser still asks for French).
  await page.getByTestId('language').selectOption('en');
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboard' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.reload();
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Rules' })).toBeVisible();
  expect((await page.context().cookies()).find((c) => c.name === 'NEXT_LOCALE')?.value).toBe('en');

  await page.getByTestId('language').selectOption('fr');
  await expect(nav.getByRole('link', { name: 'Paramètres' })).toBeVisible();
  await page.context().close();
});

test('an English browser gets English', async ({ page }) => {
  await page.goto('/sign-in');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});

test('the landing page says what Orylo is and leads to sign-up and sign-in, in French for a French browser', async ({ browser }) => {
  const page = await frenchPage(browser);
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('La détection de fraude en temps réel pour vos paiements');
  await expectNoEnglish(page);
  await page.getByTestId('landing-sign-up').click();
  await page.waitForURL('**/sign-up');
  await page.goBack();
  await page.getByTestId('landing-sign-in').click();
  await page.waitForURL('**/sign-in');
  await page.context().close();
});
