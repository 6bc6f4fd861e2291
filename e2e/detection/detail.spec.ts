import { expect, request as playwrightRequest, test, type APIRequestContext, type Page } from '@playwright/test';
import { createApiKey, joinOrgAs, newRunId, row, signUpAndCreateOrg } from '../helpers';

// A detection an analyst can act on (README, "The detection page"): the drawer and the page show
// the same content, related counts link to the filtered list, an analyst blocks the IP for an hour
// from the drawer and the next payment from it is blocked; a viewer reads it all and is offered
// nothing; a shadow rule's verdict is shown.

test.describe.configure({ mode: 'serial' });

const IP = '198.51.100.42';
let run = '';
let key = '';
let ingest: APIRequestContext;
let owner: Page;
let analyst: Page;
let viewer: Page;
let investigated: Awaited<ReturnType<typeof pay>>;

async function pay(externalId: string, fingerprint: string) {
  const res = await ingest.post('/api/v1/transactions', {
    headers: { Authorization: `Bearer ${key}` },
    data: { externalId, amount: 4999, currency: 'EUR', email: `buyer-${run}@example.com`, ip: IP, customerId: `cus_${run}`, card: { fingerprint, bin: '535353', last4: '4444' }, authStatus: 'authorized' },
  });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { detection: { id: string; externalId: string; decision: string; shadow: { code: string }[] } }).detection;
}

async function asOwner(path: string, data: Record<string, unknown>, status: number) {
  const res = await owner.request.post(path, { headers: { Origin: new URL(owner.url()).origin }, data });
  expect(res.status(), `${path}: ${await res.text()}`).toBe(status);
}

const ipKey = (page: Page) => page.locator('[data-testid="related-key"][data-key="ip"]');
const window24h = (page: Page) => ipKey(page).locator('[data-testid="related-window"][data-window="24h"]');

test.beforeAll(async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  run = newRunId();
  ingest = await playwrightRequest.newContext({ baseURL });
  owner = await (await browser.newContext()).newPage();
  await signUpAndCreateOrg(owner, 'detail', run);
  key = await createApiKey(owner);
  // An active rule sends these payments to review; a shadow rule would have blocked them.
  await asOwner('/api/v1/rules', { key: 'big_amount_review', name: 'Big amounts to review', feature: 'amount', operator: '>', threshold: 4000, action: 'REVIEW' }, 201);
  await asOwner('/api/v1/rules', { key: 'big_amount_shadow', name: 'Trial: block big amounts', feature: 'amount', operator: '>', threshold: 1000, action: 'BLOCK', mode: 'shadow' }, 201);
  analyst = await joinOrgAs(browser, owner, 'analyst', run);
  viewer = await joinOrgAs(browser, owner, 'viewer', run);
  for (let i = 0; i < 2; i++) await pay(`earlier_${i}_${run}`, `fp_a${i}_${run}`);
  investigated = await pay(`investigated_${run}`, `fp_b_${run}`);
  expect(investigated.decision).toBe('REVIEW');
  expect(investigated.shadow.map((s) => s.code)).toContain('big_amount_shadow');
});

test.afterAll(async () => {
  for (const page of [owner, analyst, viewer]) await page?.context().close();
  await ingest?.dispose();
});

test('an analyst investigates from the drawer, blocks the IP for an hour, and the next payment from it is blocked', async () => {
  const page = analyst;
  await page.goto('/dashboard');
  await row(page, investigated.externalId).click();
  const drawer = page.getByTestId('detection-drawer');
  await expect(drawer).toContainText(investigated.externalId);

  await test.step('related counts, each a link to the filtered list', async () => {
    // Three payments from the IP up to this one: the two before and itself.
    const attempts = window24h(page).getByTestId('related-attempts');
    await expect(attempts).toHaveText('3');
    const href = new URL((await attempts.getAttribute('href'))!, 'http://x');
    expect(href.pathname).toBe('/dashboard');
    expect(href.searchParams.get('ip')).toBe(IP);
    expect(Date.parse(href.searchParams.get('from')!)).toBeLessThan(Date.parse(href.searchParams.get('to')!));
    await expect(window24h(page).getByTestId('related-review')).toHaveText('3');
    await expect(drawer.locator('[data-testid="related-key"][data-key="card_bin"]')).toContainText('535353');
    await expect(drawer.getByTestId('usual-amount')).toContainText('no other payment');
  });

  await test.step("the shadow rule's verdict", async () => {
    await expect(drawer.getByTestId('shadow-reason').filter({ hasText: 'big_amount_shadow' })).toContainText('Would have decided BLOCK');
  });

  await test.step('block the IP for 1 h: a toast, and the IP shows as blocked instead of offering it again', async () => {
    await ipKey(page).getByTestId('block-ip-1h').click();
    await expect(page.getByText(`IP ${IP} added to the block list`)).toBeVisible();
    await expect(ipKey(page).getByTestId('key-blocked')).toContainText('Blocked until');
    await expect(ipKey(page).getByTestId('block-ip-1h')).toHaveCount(0);
    // An analyst may block, not allow.
    await expect(drawer.getByTestId('allow-ip')).toHaveCount(0);
    const next = await pay(`after_block_${run}`, `fp_c_${run}`);
    expect(next.decision).toBe('BLOCK');
  });

  await test.step('"Open as page": the same content at a shareable URL', async () => {
    await drawer.getByTestId('open-detection-page').click();
    await page.waitForURL(`**/detections/${investigated.id}`);
    await expect(page.getByTestId('detection-page-title')).toHaveText(`Order ${investigated.externalId}`);
    // The windows end at the detection: the payment blocked since does not count.
    await expect(window24h(page).getByTestId('related-attempts')).toHaveText('3');
    await expect(ipKey(page).getByTestId('key-blocked')).toBeVisible();
  });
});

test('an analyst opens the page by URL and approves the review with a note', async () => {
  const page = analyst;
  await page.goto(`/detections/${investigated.id}`);
  const detail = page.getByTestId('detection-page');
  await expect(detail.getByTestId('shadow-reason').first()).toBeVisible();
  await detail.getByTestId('review-note').fill('Known customer, called them');
  await detail.getByTestId('review-approve').click();
  await expect(detail.getByTestId('review-outcome')).toContainText(/Approved by analyst-/);
  await expect(detail.getByTestId('review-outcome-note')).toHaveText('“Known customer, called them”');
  await expect(window24h(page).getByTestId('related-allow')).toHaveText('1');
});

test('a viewer reads the detection and is offered no action', async () => {
  const page = viewer;
  await page.goto(`/detections/${investigated.id}`);
  const detail = page.getByTestId('detection-page');
  await expect(window24h(page).getByTestId('related-attempts')).toHaveText('3');
  await expect(detail.getByTestId('shadow-reason').first()).toContainText('Would have decided BLOCK');
  await expect(detail.getByTestId('review-outcome')).toContainText('Approved');
  await expect(ipKey(page).getByTestId('key-blocked')).toBeVisible();
  await expect(detail.getByRole('button')).toHaveCount(0);

  await page.goto('/dashboard');
  await row(page, investigated.externalId).click();
  const drawer = page.getByTestId('detection-drawer');
  await expect(window24h(page).getByTestId('related-attempts')).toHaveText('3');
  // The close button only.
  await expect(drawer.getByRole('button')).toHaveCount(1);
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();
});

test('a malformed or unknown id says so on the page', async () => {
  await analyst.goto('/detections/not-a-detection');
  await expect(analyst.getByTestId('detection-error')).toContainText('UUID');
  await analyst.goto('/detections/00000000-0000-4000-8000-000000000000');
  await expect(analyst.getByTestId('detection-error')).toContainText('No detection with this id');
});
