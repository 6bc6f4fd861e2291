import { expect, test, type Page } from '@playwright/test';
import { newRunId, signUpAndCreateOrg } from '../helpers';
import { expectNoEnglish, frenchPage } from './helpers';

// The rules page in a French browser, with data made through the API the
// way a merchant's checkout and an analyst would: built-in rules named in
// French, a merchant's own rule as typed, amounts as French money, French
// windows, dates and plurals, the editor and a backtest's figures in French,
// and no English left anywhere; then the same page once in English.

// Intl separates groups with a narrow no-break space and puts a no-break space before €: \s matches both.
const euros = (text: string) => new RegExp(text.replace(/ /g, '\\s'));

async function api(page: Page, method: 'post' | 'put', path: string, data: unknown, status: number, headers: Record<string, string> = {}) {
  const res = await page.request[method](path, { headers: { Origin: new URL(page.url()).origin, ...headers }, data });
  expect(res.status(), await res.text()).toBe(status);
  return res.json();
}

test('the rules page, its editor and a backtest read French, with French money and dates; and English once', async ({ browser }) => {
  test.setTimeout(120_000);
  const run = newRunId();
  const page = await frenchPage(browser);
  await signUpAndCreateOrg(page, 'rulesfr', run);
  const { key } = await api(page, 'post', '/api/v1/api-keys', { name: 'Caisse e2e' }, 201);

  // A merchant's own rule (its name is data), two payments of 1 234,56 € it fires on, a blocked IP and stricter thresholds for an hour.
  const ruleKey = `gros_${run.slice(-6)}`;
  await api(page, 'post', '/api/v1/rules', { key: ruleKey, name: 'Gros panier (e2e)', feature: 'amount', operator: '>', threshold: 100_000, action: 'REVIEW' }, 201);
  for (let i = 0; i < 2; i++) {
    const data = { externalId: `cmd-${run}-${i}`, amount: 123_456, currency: 'EUR', ip: `198.51.100.${20 + i}`, email: `client${i}-${run}@example.com` };
    await api(page, 'post', '/api/v1/transactions', data, 201, { Authorization: `Bearer ${key}` });
  }
  await api(page, 'post', '/api/v1/lists', { type: 'ip', value: '203.0.113.9', action: 'block', expiresAt: new Date(Date.now() + 86_400_000).toISOString(), reason: 'Test de cartes' }, 201);
  await api(page, 'post', '/api/v1/settings/thresholds/override', { review: 40, block: 70, minutes: 60 }, 200);

  await page.goto('/settings/rules');
  await expect(page).toHaveTitle(/Règles/);
  await expect(page.getByRole('heading', { level: 1, name: 'Règles' })).toBeVisible();

  // Built-in rules in French; thresholds of amounts as money; windows in French units.
  const builtIn = page.locator('[data-testid="rule-row"][data-rule-key="ip_attempts_30m"]');
  await expect(builtIn).toContainText('Nombreuses tentatives depuis une adresse IP');
  await expect(builtIn).toContainText('Tentatives par adresse IP');
  await expect(builtIn).toContainText('Examiner');
  await expect(page.locator('[data-testid="rule-row"][data-rule-key="high_amount"]').getByTestId('edit-threshold')).toHaveText(euros('5 000,00 €'));
  const mine = page.locator(`[data-testid="rule-row"][data-rule-key="${ruleKey}"]`);
  await expect(mine.locator('[translate="no"]').first()).toHaveText('Gros panier (e2e)');
  await expect(mine.getByTestId('edit-threshold')).toHaveText(euros('1 000,00 €'));
  await expect(mine.getByTestId('rule-stats')).toContainText('2 déclenchements · 2 décisifs');
  const windows = page.getByRole('group', { name: 'Période des performances' });
  await expect(windows.getByRole('button', { name: '7 j' })).toHaveAttribute('aria-pressed', 'true');
  await windows.getByRole('button', { name: '30 j' }).click();
  await expect(page.getByRole('columnheader', { name: /30 derniers jours/ })).toBeVisible();

  // Thresholds in force until a French date; the blocked IP in the lists.
  await expect(page.getByTestId('override-active')).toContainText('En vigueur : revue à partir de 40, blocage à partir de 70 jusqu’au');
  await expect(page.getByTestId('override-active')).toContainText(/\d{1,2} [a-zéû]+\.? \d{4}/);
  const entry = page.getByTestId('list-row').filter({ hasText: '203.0.113.9' });
  await expect(entry).toContainText('Adresse IP');
  await expect(entry).toContainText('Bloquer');
  await expectNoEnglish(page);

  // The editor on the merchant's rule: the amount in euros, then a backtest over 7 days with French figures.
  await mine.getByTestId('edit-rule').click();
  const editor = page.getByRole('dialog', { name: 'Modifier la règle' });
  await expect(editor.getByLabel('Montant (EUR)')).toHaveValue('1000');
  await expect(editor.getByLabel('Critère')).toHaveValue('amount');
  await expectNoEnglish(page);
  await editor.getByTestId('test-rule-7d').click();
  const result = editor.getByTestId('backtest-result');
  await expect(result.getByTestId('backtest-evaluated')).toHaveText(/^\d+ paiements?$/);
  await expect(result.getByTestId('backtest-window')).toContainText('Les 7 derniers jours');
  await expect(result.getByTestId('backtest-example').first()).toContainText(euros('1 234,56 €'));
  await expect(result.getByTestId('backtest-example').first()).toContainText('À examiner → À examiner');
  await expectNoEnglish(page);
  await editor.getByRole('button', { name: 'Fermer', exact: true }).click();

  // A new rule, combined into a group: every label of the condition editor in French.
  await page.getByTestId('new-rule').click();
  const fresh = page.getByRole('dialog', { name: 'Nouvelle règle' });
  await fresh.getByTestId('combine-any').click();
  await expect(fresh.getByTestId('rule-comparison')).toHaveCount(2);
  await expect(fresh.getByLabel('Unité de la fenêtre').first()).toHaveValue('minutes');
  await expectNoEnglish(page);
  await fresh.getByRole('button', { name: 'Annuler' }).click();

  // The same page in English, chosen with the switcher.
  await page.getByTestId('language').selectOption('en');
  await expect(page.getByRole('heading', { level: 1, name: 'Rules' })).toBeVisible();
  await expect(builtIn).toContainText('Many attempts from one IP');
  await expect(builtIn).toContainText('Attempts per IP');
  await expect(mine.getByTestId('edit-threshold')).toHaveText('€1,000.00');
  await expect(mine.getByTestId('rule-stats')).toContainText('2 fires · 2 decided');
  await expect(entry).toContainText('BLOCK');
  await page.context().close();
});
