import { expect, test, type Page } from '@playwright/test';
import { newRunId, sessionOf, signUpAndCreateOrg } from '../helpers';
import { expectNoEnglish, frenchPage } from './helpers';

// The audit log in the reader's language: real changes made through the API
// (a rule, an IP blocked from the war room, the thresholds, a review, an
// invitation), then read back as sentences and as each field before → after,
// in French and then in English.

const NB = '\u00a0';
const GROUP = '\u202f'; // Intl's French group separator

async function api(page: Page, method: 'post' | 'patch' | 'put', path: string, data: unknown, status = 200) {
  const res = await page.request[method](path, { headers: { Origin: new URL(page.url()).origin }, data });
  expect(res.status(), `${method.toUpperCase()} ${path}: ${await res.text()}`).toBe(status);
  return res.json();
}

test('the audit log tells who did what in sentences, with the changes of a rule and of the thresholds, in French and in English', async ({ browser }) => {
  const page = await frenchPage(browser);
  const run = newRunId();
  await signUpAndCreateOrg(page, 'auditfr', run);
  const me = `auditfr-${run}@example.com`;
  const { orgId } = await sessionOf(page);

  // A rule of its own (above 1,000.00 → REVIEW), a payment it holds, and its review.
  const { rule } = await api(page, 'post', '/api/v1/rules', { key: `e2e_big_${run.slice(-6)}`, name: 'Gros montant (e2e)', feature: 'amount', operator: '>', threshold: 100_000, action: 'REVIEW' }, 201);
  const { key } = await api(page, 'post', '/api/v1/api-keys', { name: 'Caisse e2e' }, 201);
  const ingest = await page.request.post('/api/v1/transactions', {
    headers: { Authorization: `Bearer ${key}` },
    data: { externalId: `cmd-${run}`, amount: 123_456, currency: 'EUR', ip: '198.51.100.20', email: `client-${run}@example.com` },
  });
  expect(ingest.status(), await ingest.text()).toBe(201);
  const { detection } = await ingest.json();
  expect(detection.decision).toBe('REVIEW');
  await api(page, 'post', `/api/v1/detections/${detection.id}/review`, { action: 'approve', verdict: 'genuine' });

  // One field of a default rule, two of the custom one, the thresholds, an IP for an hour, an invitation.
  const { rules } = await page.request.get('/api/v1/rules').then((r) => r.json());
  const ipRule = rules.find((r: { key: string }) => r.key === 'ip_attempts_30m');
  await api(page, 'patch', `/api/v1/rules/${ipRule.id}`, { threshold: 3 });
  await api(page, 'patch', `/api/v1/rules/${rule.id}`, { threshold: 200_000, action: 'BLOCK' });
  const thresholds = await page.request.get('/api/v1/settings/thresholds').then((r) => r.json());
  await api(page, 'put', '/api/v1/settings/thresholds', { review: thresholds.review - 10, block: thresholds.block - 5 });
  await api(page, 'post', '/api/v1/lists', { type: 'ip', value: '192.0.2.183', action: 'block', reason: 'salle de crise', expiresAt: new Date(Date.now() + 3_600_000).toISOString() }, 201);
  await api(page, 'post', '/api/auth/organization/invite-member', { email: `analyste-${run}@example.com`, role: 'analyst', organizationId: orgId });

  await page.goto('/settings/audit');
  await expect(page.getByRole('heading', { level: 1, name: 'Journal d’audit' })).toBeVisible();
  await expect(page).toHaveTitle(/Journal d’audit/);
  const row = (action: string) => page.locator(`[data-testid="audit-row"][data-action="${action}"]`);
  await expect(page.getByTestId('audit-row')).toHaveCount(7);

  await expect(row('list.create')).toContainText(`${me} a bloqué l’adresse IP 192.0.2.183 pendant 1${NB}h (salle de crise)`);
  await expect(row('team.invite')).toContainText(`${me} a invité analyste-${run}@example.com en tant qu’analyste`);
  await expect(row('detection.review')).toContainText(`${me} a autorisé un paiement à examiner (verdict${NB}: légitime)`);
  await expect(row('rule.create')).toContainText(`${me} a créé la règle «${NB}Gros montant (e2e)${NB}»`);
  // A built-in rule under its seeded name reads in the reader's language.
  const ipChange = (name: string) => row('rule.update').filter({ hasText: name });
  await expect(ipChange('Nombreuses tentatives depuis une adresse IP')).toContainText(`${me} a modifié la règle «${NB}Nombreuses tentatives depuis une adresse IP${NB}»${NB}: seuil 5 → 3`);
  await expect(row('thresholds.update')).toContainText(`a modifié les seuils de score${NB}: examen dès ${thresholds.review - 10}, blocage dès ${thresholds.block - 5}`);
  // The date in French and how long ago; the exact instant stays in the markup.
  const when = row('list.create').getByTestId('audit-when');
  await expect(when).toHaveText(/^\d{1,2}\s\p{L}+\.?\s\d{4}.*\d{2}:\d{2}:\d{2}$/u);
  await expect(when).toHaveAttribute('datetime', /^\d{4}-\d{2}-\d{2}T/);
  await expect(row('list.create')).toContainText(/il y a \d+\s(seconde|minute)|maintenant/);

  // The custom rule's two changes and the thresholds' ones, opened.
  const bigChange = row('rule.update').filter({ hasText: 'Gros montant (e2e)' });
  await bigChange.getByText('Voir les modifications').click();
  await expect(bigChange.getByTestId('audit-change')).toHaveText([
    'Action Examiner→Bloquer',
    `Seuil 1${GROUP}000,00${NB}€→2${GROUP}000,00${NB}€`,
  ]);
  await row('thresholds.update').getByText('Voir les modifications').click();
  await expect(row('thresholds.update').getByTestId('audit-change').first()).toHaveText(`Examen dès ${thresholds.review}→dès ${thresholds.review - 10}`);
  await expectNoEnglish(page);

  // The filter names actions in French and keeps only theirs.
  await page.getByTestId('audit-action-filter').selectOption({ label: 'Entrée de liste ajoutée' });
  await expect(page.getByTestId('audit-row')).toHaveCount(1);
  await expectNoEnglish(page);

  // The same log in English.
  await page.getByTestId('language').selectOption('en');
  await expect(page.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible();
  await page.getByTestId('audit-action-filter').selectOption('');
  await expect(row('list.create')).toContainText(`${me} blocked IP 192.0.2.183 for 1 h (salle de crise)`);
  await expect(ipChange('Many attempts from one IP')).toContainText(`${me} changed rule “Many attempts from one IP”: threshold 5 → 3`);
  await expect(row('team.invite')).toContainText(`invited analyste-${run}@example.com as analyst`);
  await bigChange.getByText('Show changes').click();
  await expect(bigChange.getByTestId('audit-change')).toHaveText(['Action Review→Block', 'Threshold €1,000.00→€2,000.00']);
  await page.context().close();
});
