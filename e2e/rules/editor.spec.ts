import { expect, request as playwrightRequest, test, type APIRequestContext, type Locator, type Page, type Request } from '@playwright/test';
import { formatRatio as ratioIn, shareParts, type TBacktestResult } from '../../components/rules/backtest';
import { formats } from '../../lib/format';
import { createApiKey, joinOrgAs, newRunId, signUpAndCreateOrg } from '../helpers';

// The rule editor (issue 14): an admin edits "Many attempts from one IP",
// tests it on the last 30 days, sees the figures the backtest API gives for
// that very request, saves it, and sees before / after and the new value in
// the table. An analyst tests a compound variant without being offered Save.
// The history is ordinary traffic, a household sharing one IP, and a
// card-testing burst, with chargebacks and confirmed-legit payments as labels.

test.describe.configure({ mode: 'serial' });

let run = '';
let key = '';
let ingest: APIRequestContext;
let owner: Page;

async function pay(data: { externalId: string; ip: string; card: string; amount: number; declined?: boolean }) {
  const res = await ingest.post('/api/v1/transactions', {
    headers: { Authorization: `Bearer ${key}` },
    data: {
      externalId: data.externalId,
      amount: data.amount,
      currency: 'EUR',
      ip: data.ip,
      email: `${data.card}@example.com`,
      card: { fingerprint: `fp_${data.card}`, bin: '411111', last4: '1111', country: 'FR' },
      authStatus: data.declined ? 'declined' : 'authorized',
      ...(data.declined ? { declineCode: 'card_declined' } : {}),
    },
  });
  expect(res.status(), await res.text()).toBe(201);
}

async function label(externalId: string, type: 'chargeback' | 'legit_confirmed') {
  const res = await ingest.post(`/api/v1/transactions/${externalId}/events`, { headers: { Authorization: `Bearer ${key}` }, data: { type } });
  expect(res.status(), await res.text()).toBe(201);
}

// The page reads English here: its figures as the English catalog writes them.
const en = formats('en');
const formatRatio = (value: number | null) => ratioIn(value, en);
function formatShare(part: number, total: number) {
  const s = shareParts(part, total, en);
  return s.ratio === null ? `${s.part} of ${s.total}` : `${s.part} of ${s.total} (${s.ratio})`;
}

const isBacktest = (r: Request) => r.method() === 'POST' && new URL(r.url()).pathname === '/api/v1/rules/backtest';

/** The same request again, from the test, with the page's cookies: what the API answers for it. */
async function replay(page: Page, request: Request): Promise<TBacktestResult> {
  const res = await page.request.post('/api/v1/rules/backtest', { headers: { Origin: new URL(page.url()).origin }, data: request.postDataJSON() });
  expect(res.status(), await res.text()).toBe(200);
  return res.json();
}

/** Every figure the editor shows equals the API's. */
async function expectFigures(panel: Locator, api: TBacktestResult) {
  await expect(panel.getByTestId('backtest-evaluated')).toHaveAttribute('data-value', String(api.evaluated));
  await expect(panel.getByTestId('backtest-matched')).toHaveAttribute('data-value', String(api.matched));
  await expect(panel.getByTestId('backtest-matched')).toHaveText(formatShare(api.matched, api.evaluated));
  await expect(panel.getByTestId('backtest-fraud')).toHaveAttribute('data-matched', String(api.labels.fraud.matched));
  await expect(panel.getByTestId('backtest-fraud')).toHaveAttribute('data-total', String(api.labels.fraud.total));
  await expect(panel.getByTestId('backtest-legit')).toHaveAttribute('data-matched', String(api.labels.legit.matched));
  await expect(panel.getByTestId('backtest-legit')).toHaveAttribute('data-total', String(api.labels.legit.total));
  await expect(panel.getByTestId('backtest-recall')).toHaveText(formatRatio(api.recall));
  await expect(panel.getByTestId('backtest-precision')).toHaveText(formatRatio(api.precision));
  const changes = Object.entries(api.decisionChanges).filter(([, n]) => n > 0);
  const shown = panel.getByTestId('backtest-changes').getByTestId('decision-change');
  await expect(shown).toHaveCount(changes.length);
  for (const [pair, n] of changes) await expect(shown.and(panel.locator(`[data-pair="${pair}"]`))).toHaveText(`${pair.replace('->', ' → ')}: ${n}`);
  const examples = panel.getByTestId('backtest-example');
  await expect(examples).toHaveCount(api.examples.length);
  for (const [i, e] of api.examples.entries()) {
    await expect(examples.nth(i)).toHaveAttribute('data-external-id', e.externalId);
    await expect(examples.nth(i)).toContainText(`${e.decision} → ${e.wouldBe}`);
  }
  await expect(panel.getByTestId('backtest-assumptions')).toContainText(
    `Lists and thresholds as they are now (review from ${api.assumptions.thresholds.review}, block from ${api.assumptions.thresholds.block})`,
  );
}

/** The figures that may legitimately differ between two runs of one request. */
const stable = (r: TBacktestResult) => ({ ...r, durationMs: 0 });

test.beforeAll(async ({ browser, baseURL }) => {
  test.setTimeout(150_000);
  run = newRunId();
  ingest = await playwrightRequest.newContext({ baseURL });
  owner = await (await browser.newContext()).newPage();
  await signUpAndCreateOrg(owner, 'rules-editor', run);
  key = await createApiKey(owner);

  // Ordinary payments: one IP and one card each, two confirmed legit.
  for (let i = 0; i < 8; i++) await pay({ externalId: `ok_${i}_${run}`, ip: `198.51.100.${10 + i}`, card: `ok${i}${run}`, amount: 2_500 + 700 * i });
  await label(`ok_0_${run}`, 'legit_confirmed');
  await label(`ok_1_${run}`, 'legit_confirmed');
  // A household: four payments from one IP on one card, the last confirmed legit.
  for (let i = 0; i < 4; i++) await pay({ externalId: `home_${i}_${run}`, ip: '198.51.100.50', card: `home${run}`, amount: 4_000 + i });
  await label(`home_3_${run}`, 'legit_confirmed');
  // Card testing: six cards from one IP at micro amounts, mostly declined; three charged back.
  for (let i = 0; i < 6; i++) await pay({ externalId: `ct_${i}_${run}`, ip: '203.0.113.99', card: `ct${i}${run}`, amount: 50 + i, declined: i % 3 !== 0 });
  for (const i of [0, 3, 4]) await label(`ct_${i}_${run}`, 'chargeback');
});

test.afterAll(async () => {
  await owner?.context().close();
  await ingest?.dispose();
});

test('an admin edits a rule, tests it on 30 days, sees the API’s figures, saves it and sees before / after', async ({ browser }) => {
  test.setTimeout(150_000);
  const page = await joinOrgAs(browser, owner, 'admin', run);
  await page.goto('/settings/rules');
  const row = page.locator('[data-testid="rule-row"][data-rule-key="ip_attempts_30m"]');
  await expect(row).toContainText('Many attempts from one IP');
  const edit = row.getByTestId('edit-rule');
  await edit.click();

  const editor = page.getByRole('dialog', { name: 'Edit rule' });
  await expect(editor).toBeVisible();
  await expect(editor.getByLabel('Name')).toBeFocused();
  await expect(editor.getByLabel('Name')).toHaveValue('Many attempts from one IP');
  await expect(editor.getByTestId('rule-editor-version')).toHaveText('ip_attempts_30m · v1');
  const comparison = editor.getByTestId('rule-comparison');
  await expect(comparison).toHaveCount(1);
  await expect(comparison.getByLabel('Feature')).toHaveValue('ip.attempts');
  await expect(comparison.getByLabel('Window', { exact: true })).toHaveValue('30');
  await expect(comparison.getByLabel('Window unit')).toHaveValue('minutes');
  const value = comparison.getByLabel('Value', { exact: true });
  await expect(value).toHaveValue('5');
  await expect(editor.getByTestId('save-rule')).toBeDisabled();

  await test.step('an error from the API shows beside the part at fault', async () => {
    // Save tests the new version first (for Before / After): the API refuses it, and nothing is saved.
    await value.fill('-1');
    const refused = page.waitForResponse((r) => isBacktest(r.request()));
    await editor.getByTestId('save-rule').click();
    expect((await refused).status()).toBe(400);
    const error = comparison.getByTestId('field-error');
    await expect(error).toHaveAttribute('data-field', 'condition.threshold');
    await expect(error).toHaveText('Must not be negative');
    await expect(value).toHaveAttribute('aria-invalid', 'true');
    await expect(row).toContainText('v1');
  });

  let tested: TBacktestResult;
  await test.step('test on the last 30 days: the figures are the API’s for the same request', async () => {
    await value.fill('3');
    const sent = page.waitForRequest(isBacktest);
    const answered = page.waitForResponse((r) => isBacktest(r.request()));
    await editor.getByTestId('test-rule-30d').click();
    const request = await sent;
    const body = request.postDataJSON();
    expect(body.rule).toMatchObject({ id: expect.any(String), action: 'REVIEW', condition: { feature: 'ip.attempts', windowSeconds: 1800, operator: '>', threshold: 3 } });
    expect(Date.parse(body.to) - Date.parse(body.from)).toBe(30 * 86_400_000);
    const response = await answered;
    expect(response.status(), await response.text()).toBe(200);
    tested = await response.json();

    const panel = editor.getByTestId('backtest-result');
    await expect(panel).toBeVisible();
    const api = await replay(page, request);
    expect(stable(api)).toEqual(stable(tested));
    await expectFigures(panel, api);
    // What was seeded: 18 payments, three charged back, three confirmed legit.
    expect(api.evaluated).toBe(18);
    expect(api.labels.fraud.total).toBe(3);
    expect(api.labels.legit.total).toBe(3);
    expect(api.matched).toBeGreaterThan(0);
  });

  await test.step('save: before / after over the same window, a toast, the new value in the table', async () => {
    const before = page.waitForRequest((r) => isBacktest(r) && r.postDataJSON().rule.condition.threshold === 5);
    const patch = page.waitForResponse((r) => r.request().method() === 'PATCH' && r.url().includes('/api/v1/rules/'));
    await editor.getByTestId('save-rule').click();
    expect((await patch).status()).toBe(200);
    const beforeRequest = await before;
    expect(beforeRequest.postDataJSON()).toMatchObject({ from: tested.from, to: tested.to });

    const compared = editor.getByTestId('before-after');
    await expect(compared).toBeVisible({ timeout: 30_000 });
    await expect(page.getByText('Rule saved')).toBeVisible();
    const beforeApi = await replay(page, beforeRequest);
    await expect(compared.getByTestId('before-matched')).toHaveText(formatShare(beforeApi.matched, beforeApi.evaluated));
    await expect(compared.getByTestId('after-matched')).toHaveText(formatShare(tested.matched, tested.evaluated));
    await expect(compared.getByTestId('before-precision')).toHaveText(formatRatio(beforeApi.precision));
    await expect(compared.getByTestId('after-precision')).toHaveText(formatRatio(tested.precision));
    await expect(compared.getByTestId('before-recall')).toHaveText(formatRatio(beforeApi.recall));
    await expect(compared.getByTestId('after-recall')).toHaveText(formatRatio(tested.recall));
    // A lower threshold matches at least what the higher one did.
    expect(tested.matched).toBeGreaterThanOrEqual(beforeApi.matched);

    await expect(row.getByTestId('edit-threshold')).toHaveText('3');
    await expect(row).toContainText('ip_attempts_30m · v2');
    await expect(editor.getByTestId('rule-editor-version')).toHaveText('ip_attempts_30m · v2');
    await expect(editor.getByTestId('save-rule')).toBeDisabled();
  });

  await test.step('Escape closes the editor and gives the focus back to its Edit button', async () => {
    await page.keyboard.press('Escape');
    await expect(editor).toBeHidden();
    await expect(edit).toBeFocused();
    const box = await page.getByTestId('rules-table').boundingBox();
    expect(box!.x + box!.width, 'the rules table fits the page').toBeLessThanOrEqual(page.viewportSize()!.width);
  });

  await test.step('a new compound rule: its key suggested from the name, added to the table', async () => {
    await page.getByTestId('new-rule').click();
    const dialog = page.getByRole('dialog', { name: 'New rule' });
    await dialog.getByLabel('Name').fill('Busy IP, foreign card');
    await expect(dialog.getByLabel('Key')).toHaveValue('busy_ip_foreign_card');
    await dialog.getByTestId('combine-all').click();
    const second = dialog.getByTestId('rule-comparison').nth(1);
    await second.getByLabel('Feature').selectOption('card_country');
    await second.getByLabel('Operator').selectOption('not_in');
    await second.getByLabel('Codes').fill('fr, de');
    const created = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/v1/rules');
    await dialog.getByTestId('save-rule').click();
    expect((await created).status()).toBe(201);
    await expect(dialog).toBeHidden();
    const added = page.locator('[data-testid="rule-row"][data-rule-key="busy_ip_foreign_card"]');
    await expect(added.getByTestId('rule-condition')).toHaveText('All of: Attempts per IP in 30 min > 5; Card country not in FR, DE');
  });
  await page.context().close();
});

test('an analyst tests a compound variant on 7 days and is offered no Save', async ({ browser }) => {
  test.setTimeout(120_000);
  // Better Auth's default role: Orylo reads it as analyst. The rule is the admin's saved version (threshold 3).
  const page = await joinOrgAs(browser, owner, 'member', run);
  await page.goto('/settings/rules');
  const row = page.locator('[data-testid="rule-row"][data-rule-key="ip_attempts_30m"]');
  await expect(row.getByTestId('edit-rule')).toHaveCount(0);
  await row.getByTestId('test-rule').click();

  const editor = page.getByRole('dialog', { name: 'Test a change' });
  await expect(editor).toBeVisible();
  await expect(editor.getByTestId('save-rule')).toHaveCount(0);
  await expect(editor.getByTestId('role-note')).toContainText('Analysts can’t save rule changes');

  // "… and the amount of the attempt is under 1.00 EUR".
  await editor.getByTestId('combine-all').click();
  const second = editor.getByTestId('rule-comparison').nth(1);
  await expect(second).toHaveAttribute('data-path', 'condition.all[1]');
  await second.getByLabel('Feature').selectOption('amount');
  await expect(second.getByLabel('Window', { exact: true })).toHaveCount(0);
  await second.getByLabel('Operator').selectOption('<');
  await second.getByLabel('Amount (EUR)').fill('1');

  const sent = page.waitForRequest(isBacktest);
  const answered = page.waitForResponse((r) => isBacktest(r.request()));
  await editor.getByTestId('test-rule-7d').click();
  const request = await sent;
  expect(request.postDataJSON().rule.condition).toEqual({
    all: [
      { feature: 'ip.attempts', windowSeconds: 1800, operator: '>', threshold: 3 },
      { feature: 'amount', windowSeconds: 0, operator: '<', threshold: 100 },
    ],
  });
  expect((await answered).status()).toBe(200);
  const panel = editor.getByTestId('backtest-result');
  await expect(panel).toBeVisible();
  await expectFigures(panel, await replay(page, request));
  await page.context().close();
});
