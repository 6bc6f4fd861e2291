import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { cardTestingBurst, createApiKey, grantPlatformAdmin, newRunId, postAttempt, signUpAndCreateOrg } from '../helpers';

// Every page of Orylo through axe-core (WCAG 2.1 A and AA rules), with real
// data on it: ordinary payments, a card-testing attack (an incident, items to
// review), a detection's drawer open. No serious or critical violation may
// remain. Each page's summary goes to the output ("[axe] …"), which the
// closing note quotes.

const STATE = '.data/test-results/axe-owner.json';
let detectionId = '';
let incidentId = '';

async function expectAccessible(page: Page, name: string): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const details = bad.map((v) => `${v.id} (${v.nodes.length}: ${v.nodes.slice(0, 2).map((n) => n.target.join(' ')).join(' | ')})`);
  console.log(`[axe] ${name}: ${bad.length} serious/critical, ${result.violations.length - bad.length} minor/moderate, ${result.passes.length} rules passed${bad.length ? ` — ${details.join(', ')}` : ''}`);
  expect(details, `${name}: ${bad.map((v) => v.help).join('; ')}`).toEqual([]);
}

async function ownerPage(browser: Browser): Promise<Page> {
  return (await browser.newContext({ storageState: STATE })).newPage();
}

test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  const page = await (await browser.newContext()).newPage();
  const run = newRunId();
  await signUpAndCreateOrg(page, 'axe', run);
  await grantPlatformAdmin(`axe-${run}@example.com`);
  const key = await createApiKey(page);
  for (let i = 0; i < 6; i++) await postAttempt(page.request, key, { externalId: `shop_${i}_${run}`, ip: `198.51.100.${20 + i}`, card: `s${i}${run}`, amount: 2_500 + i * 1_000 });
  await cardTestingBurst(page.request, key, run);
  const listed = (await (await page.request.get('/api/v1/detections?limit=1')).json()) as { detections: { id: string }[] };
  detectionId = listed.detections[0].id;
  const attacks = (await (await page.request.get('/api/v1/attacks')).json()) as { attacks: { id: string }[] };
  incidentId = attacks.attacks[0]?.id ?? '';
  await page.context().storageState({ path: STATE });
  await page.context().close();
});

for (const [path, name] of [['/sign-in', 'sign-in'], ['/sign-up', 'sign-up']] as const) {
  test(`${name}: no serious or critical violation`, async ({ page }) => {
    await page.goto(path);
    await expect(page.locator('form')).toBeVisible();
    await expectAccessible(page, name);
  });
}

const SIGNED_IN: [string, string, string][] = [
  ['/dashboard', 'dashboard', '[data-testid="detection-row"]'],
  ['/review', 'review queue', 'main h1'],
  ['/attacks', 'incidents', 'main h1'],
  ['/settings', 'settings', 'main h1'],
  ['/settings/rules', 'rules', '[data-testid="rule-row"]'],
  ['/settings/audit', 'audit log', 'main h1'],
  ['/settings/team', 'team', 'main h1'],
  ['/settings/api-keys', 'API keys', 'main h1'],
  ['/settings/webhooks', 'webhooks', 'main h1'],
  ['/settings/alerts', 'alerts', 'main h1'],
  ['/settings/stripe', 'Stripe', 'main h1'],
  ['/admin', 'platform admin', '[data-testid="admin-active-connections"]'],
];

for (const [path, name, ready] of SIGNED_IN) {
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
  await page.goto(`/detections/${detectionId}`);
  await expect(page.locator('main h1').first()).toBeVisible();
  await expectAccessible(page, 'detection page');
  expect(incidentId, 'the card-testing burst opened an incident').not.toBe('');
  await page.goto(`/attacks/${incidentId}`);
  await expect(page.locator('main h1').first()).toBeVisible();
  await expectAccessible(page, 'incident page');
  await page.context().close();
});
