import { expect, test, type Page } from '@playwright/test';
import { newRunId, row, signUpAndCreateOrg } from '../helpers';
import { expectNoEnglish, frenchPage } from './helpers';

// The dashboard, the detection drawer and page, the filters, saved views and
// notifications in French: French words, French formats (1 234,56 €, a 24-hour
// clock, French dates) and no English left, with every panel of the area
// opened. Then the same page in English, switched by the header's control.

/** Intl's French money: a narrow no-break space between thousands, a no-break space before €. */
const EUROS_1234_56 = '1\u202f234,56\u00a0€';

/** The page, toasts included, holds no English. */
const expectFrench = (page: Page): Promise<void> => expectNoEnglish(page);

async function post(page: Page, key: string, data: Record<string, unknown>): Promise<{ id: string }> {
  const res = await page.request.post('/api/v1/transactions', { headers: { Authorization: `Bearer ${key}` }, data });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()).detection;
}

test('the dashboard, a detection, the filters and notifications read in French, then in English', async ({ browser }) => {
  const run = newRunId();
  const page = await frenchPage(browser);
  await signUpAndCreateOrg(page, 'dashfr', run);
  const origin = new URL(page.url()).origin;

  // Before the first payment: the empty state, in French.
  await expect(page.getByTestId('detections-empty')).toContainText('Aucune transaction pour l’instant');
  await expect(page.getByTestId('connection-state')).toHaveText('En direct');
  await expectFrench(page);

  // A key through the API (the French page's labels differ from createApiKey's), then three ordinary payments.
  const created = await page.request.post('/api/v1/api-keys', { headers: { Origin: origin }, data: { name: 'e2e caisse' } });
  expect(created.status(), await created.text()).toBe(201);
  const key = (await created.json()).key as string;
  const big = `fr-big-${run}`;
  const detection = await post(page, key, {
    externalId: big,
    amount: 123_456,
    currency: 'EUR',
    email: `claire-${run}@example.com`,
    ip: '198.51.100.23',
    customerId: `cus_${run}`,
    card: { fingerprint: `fp_fr_${run}`, bin: '424242', last4: '4242', country: 'FR' },
    authStatus: 'authorized',
  });
  for (let i = 0; i < 2; i++)
    await post(page, key, { externalId: `fr-${i}-${run}`, amount: 2_500 + i, currency: 'EUR', email: `p${i}-${run}@example.com`, ip: `198.51.100.${40 + i}`, authStatus: 'authorized' });

  // The live table: French headers, money and a 24-hour clock, the counters and the chart in French.
  await expect(page.getByTestId('detection-row')).toHaveCount(3);
  const bigRow = row(page, big);
  await expect(bigRow).toContainText(EUROS_1234_56);
  await expect(bigRow.locator('td').first()).toHaveText(/^\d{2}:\d{2}:\d{2}$/);
  await expect(bigRow.getByTestId('decision-badge')).toHaveText(/^(Autorisé|À examiner|Bloqué)$/);
  await expect(page.getByRole('columnheader', { name: 'Commande' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Dernières détections' })).toBeVisible();
  await expect(page.getByTestId('kpi-total')).toHaveText('3');
  await expect(page.getByRole('heading', { name: 'Détections par minute, dernière heure' })).toBeVisible();
  await expect(page.getByTestId('decisions-chart')).toHaveAttribute('aria-label', /^Dernière heure\u00a0: 3 détections/);
  await expect(page.getByTestId('load-more-area')).toContainText('3 détections affichées');
  await expect(page).toHaveTitle(/Tableau de bord/);
  await expectFrench(page);

  // The drawer: the payment's fields in French formats, related payments and the key actions.
  await bigRow.click();
  const drawer = page.getByTestId('detection-drawer');
  await expect(drawer).toContainText('Pourquoi');
  await expect(drawer).toContainText('Aucun signal de risque');
  await expect(drawer.locator('dd').first()).toHaveText(EUROS_1234_56);
  await expect(drawer.locator('dd').nth(1)).toHaveText(/\d{4}.*\d{2}:\d{2}:\d{2}$/);
  await expect(drawer.locator('dd').nth(1)).not.toHaveText(/AM|PM/);
  await expect(drawer.getByTestId('usual-amount')).toContainText('Ce client n’a aucun autre paiement');
  await expect(drawer.getByTestId('related-window').first()).toContainText('24 h');
  await expectFrench(page);

  // Blocking the IP for an hour: the toast and the badge say so in French.
  await drawer.getByTestId('block-ip-1h').click();
  const toast = page.getByText('Adresse IP 198.51.100.23 ajouté à la liste de blocage');
  await expect(toast).toBeVisible();
  await expect(drawer.getByTestId('key-blocked')).toContainText('Bloqué jusqu’au');
  await expectFrench(page);
  await page.keyboard.press('Escape');
  await expect(drawer).toHaveCount(0);

  // The detection's own page.
  await page.goto(`/detections/${detection.id}`);
  await expect(page.getByTestId('detection-page-title')).toHaveText(`Commande ${big}`);
  await expect(page.getByTestId('detection-page')).toContainText('Paiements liés');
  await expect(page).toHaveTitle(/Détection/);
  await expectFrench(page);

  // Filters in the URL: chips in French, the saved views panel, a filter the API refuses.
  await page.goto('/dashboard?decision=ALLOW&minAmount=100000');
  await expect(page.getByTestId('detection-row')).toHaveCount(1);
  const chips = page.getByTestId('filter-chip');
  await expect(chips.first()).toContainText('Décision\u00a0: Autorisé');
  await expect(page.getByTestId('filter-chips')).toContainText('Montant ≥ 1000.00');
  await expect(page.getByTestId('no-older')).toHaveText('Aucune détection plus ancienne');
  await page.getByTestId('views-button').click();
  await expect(page.getByTestId('views-panel')).toContainText('Mes vues');
  await expectFrench(page);
  await page.keyboard.press('Escape');
  await page.goto('/dashboard?minScore=80&maxScore=20');
  await expect(page.getByTestId('filters-error')).toBeVisible();
  await expectFrench(page);

  // The notifications menu.
  await page.goto('/dashboard');
  await page.getByTestId('notifications-button').click();
  await expect(page.getByTestId('notifications-panel')).toContainText('Tout marquer comme lu');
  await expectFrench(page);
  await page.keyboard.press('Escape');

  // The same dashboard in English, chosen in the header: English words and formats.
  await page.getByTestId('language').selectOption('en');
  await expect(page.getByRole('heading', { name: 'Latest detections' })).toBeVisible();
  await expect(row(page, big)).toContainText('€1,234.56');
  await expect(page.getByTestId('connection-state')).toHaveText('Live');
  await expect(page.getByTestId('load-more-area')).toContainText('3 listed');
  await page.context().close();
});
