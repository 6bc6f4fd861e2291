import { expect, test, type Page } from '@playwright/test';
import postgres from 'postgres';
import { cardTestingBurst, newRunId, sessionOf, signUpAndCreateOrg } from '../helpers';
import { expectNoEnglish, frenchPage } from './helpers';

// The review queue, the war room, the incidents and the admin page in French,
// with real data: payments sent to review, a card-testing attack blocked from
// the war room, closed into an incident. Then the incident once in English.

const NBSP = '\u00a0';

/** The page, toasts and every shared part included, holds no English. */
const expectFrench = (page: Page): Promise<void> => expectNoEnglish(page);

test('the review queue, war room, incidents and admin page read French, with French formats', async ({ browser }) => {
  const run = newRunId();
  const page = await frenchPage(browser);
  await signUpAndCreateOrg(page, 'rvfr', run);
  const origin = new URL(page.url()).origin;
  const { orgId } = await sessionOf(page);

  // A key through the API (the keys page has its own language to speak).
  const created = await page.request.post('/api/v1/api-keys', { headers: { Origin: origin }, data: { name: 'e2e fr' } });
  expect(created.status(), await created.text()).toBe(201);
  const key = (await created.json()).key as string;

  // More than 5 attempts from one IP in 30 minutes go to review.
  const ip = '198.51.100.23';
  for (let i = 0; i < 8; i++) {
    const res = await page.request.post('/api/v1/transactions', {
      headers: { Authorization: `Bearer ${key}` },
      data: { externalId: `rvfr_${i}_${run}`, amount: 123_456, currency: 'EUR', ip, email: `buyer${run}@example.com`, card: { fingerprint: `fp_${run}`, bin: '424242', last4: '4242' }, authStatus: 'authorized' },
    });
    expect(res.status(), await res.text()).toBe(201);
  }

  await test.step('the review queue', async () => {
    await page.goto('/review');
    await expect(page.getByRole('heading', { level: 1 })).toContainText('File de revue');
    await expect(page.getByRole('heading', { level: 1 })).toContainText('en attente');
    const rows = page.getByTestId('review-row');
    await expect(rows.first()).toBeVisible();
    await expect(page.getByTestId('review-shortcuts')).toContainText(`Raccourcis${NBSP}: j / ↓ suivant`);
    await expect(page.getByTestId('review-claim-next')).toHaveText('Prendre le suivant (n)');
    await expect(rows.first().getByTestId('review-age')).toHaveText(/^\d+ s$/);
    await expect(rows.first().getByTestId('review-claim')).toContainText('Libre');
    await expect(rows.first().getByTestId('review-approve')).toHaveText('Autoriser');
    await expect(rows.first().getByTestId('review-verdict').locator('option')).toHaveText(['Verdict', 'Fraude', 'Légitime', 'Incertain']);

    // A row chosen: the bulk bar offers every payment from its IP, and asks first.
    await rows.first().getByTestId('review-select').check();
    await expect(page.getByTestId('review-selected-count')).toHaveText('1 sélectionné');
    await expect(page.getByTestId('bulk-approve')).toHaveText('Autoriser 1');
    await rows.first().getByTestId('review-age').click();
    await page.getByTestId('resolve-ip-block').click();
    await expect(page.getByTestId('resolve-ip')).toContainText(`Bloquer tous les paiements en attente de ${ip}${NBSP}?`);
    await expectFrench(page);
    await page.getByTestId('resolve-ip').getByRole('button', { name: 'Annuler' }).click();

    await rows.first().getByTestId('review-claim-one').click();
    await expect(rows.first().getByTestId('review-claim')).toContainText('Vous');
    await expect(rows.first().getByTestId('review-release')).toHaveText('Libérer');
  });

  await test.step('the war room', async () => {
    await cardTestingBurst(page.request, key, run);
    const banner = page.getByTestId('war-room-banner');
    await expect(banner).toContainText('Attaque par test de cartes en cours', { timeout: 10_000 });
    await expect(banner).toContainText(/\d+ tentatives · \d+\/min/);
    await page.goto('/dashboard');
    const war = page.getByTestId('war-room');
    await expect(war.getByRole('heading', { name: 'Cellule de crise' })).toBeVisible();
    await expect(war).toContainText(/Attaque par test de cartes depuis \d{2}:\d{2}:\d{2}\./);
    await expect(war.getByTestId('war-duration').locator('option')).toHaveText(['1 heure', '24 heures', 'Sans limite']);
    const attacker = war.getByTestId('war-top-ip').locator('[data-value="203.0.113.66"]');
    await expect(attacker).toContainText(/\d+ bloquées? \/ \d+ à examiner \/ \d+ autorisées?/, { timeout: 10_000 });
    await attacker.getByTestId('war-block').click();
    await expect(attacker.getByTestId('war-blocked')).toHaveText('Bloqué', { timeout: 5_000 });
    await expectFrench(page);
  });

  await test.step('the incident, closed as the detector would', async () => {
    const sql = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
    try {
      await expect.poll(async () => (await sql`select attempts from attacks where organization_id = ${orgId} and status = 'open'`)[0]?.attempts, { timeout: 15_000 }).toBe(14);
      await sql`update attacks set status = 'closed', ended_at = now(), version = version + 1, updated_at = now() where organization_id = ${orgId} and status = 'open'`;
    } finally {
      await sql.end();
    }
    const summary = page.getByTestId('attack-summary');
    // Playwright's text matching folds the no-break spaces into spaces: the raw text is checked for them once.
    await expect(summary).toContainText(/Attaque terminée après .+\s:\s14 tentatives, \d+\s%\sbloquées, 1 adresse IP bloquée par rvfr-/, { timeout: 10_000 });
    expect(await summary.textContent()).toMatch(new RegExp(`${NBSP}: 14 tentatives, \\d+[${NBSP}\u202f]% bloquées`));

    await page.goto('/attacks');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Incidents');
    const incident = page.getByTestId('attack-row').first();
    await expect(incident.getByRole('link')).toHaveText(/^\d{2}:\d{2}:\d{2}$/);
    await expect(incident).toContainText('Terminé');
    await expect(incident).toContainText(/\d+\s%/);
    await expectFrench(page);

    await incident.getByRole('link').click();
    await page.waitForURL('**/attacks/*');
    await expect(page.getByTestId('attack-title')).toContainText(/Attaque par test de cartes, \d{2}:\d{2}:\d{2}/);
    await expect(page.getByTestId('attack-actions')).toContainText('a bloqué l’adresse IP 203.0.113.66 pour 1 h 00 min');
    await expect(page.getByTestId('attack-figures')).toContainText('Cartes distinctes');
    await expect(page.getByTestId('attack-export')).toHaveText('Exporter en CSV');
    await expectFrench(page);

    // The same incident in English, chosen over the browser's French.
    await page.context().addCookies([{ name: 'NEXT_LOCALE', value: 'en', url: origin }]);
    await page.reload();
    await expect(page.getByTestId('attack-title')).toContainText(/Card-testing attack, \d{1,2}:\d{2}:\d{2}\s[AP]M/);
    await expect(page.getByTestId('attack-actions')).toContainText('blocked IP 203.0.113.66 for 1 h 00 min');
    await expect(page.getByTestId('attack-figures')).toContainText('Distinct cards');
    await page.context().clearCookies({ name: 'NEXT_LOCALE' });
  });

  await test.step('the admin page, for someone who is not a platform admin', async () => {
    await page.goto('/admin');
    await expect(page.getByTestId('admin-forbidden')).toContainText('Seuls les administrateurs de la plateforme peuvent voir cette page');
    await expectFrench(page);
  });

  await page.context().close();
});
