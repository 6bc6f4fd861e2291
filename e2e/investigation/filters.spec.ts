import { expect, request as playwrightRequest, test, type APIRequestContext, type Page } from '@playwright/test';
import { createApiKey, expectAbsentFor, joinOrgAs, newRunId, postAttempt, row, signUpAndCreateOrg } from '../helpers';

// The dashboard's filters (DESIGN, "Investigation"): in the URL, from the bar,
// as chips; "Load more"; live rows under a filter; the API's 400 beside the
// bar; saved views shared between an analyst and a viewer. One organization
// with ordinary traffic from several IPs and cards around the IP under
// investigation, which has more rows than a page.

test.describe.configure({ mode: 'serial' });

const TARGET = '203.0.113.99';
const TARGET_ROWS = 55; // more than a page (50)
const ORDINARY_ROWS = 8;
const BIG_ROWS = 3; // 90.00 each, every other row is at most 49.99
let run = '';
let key = '';
let ingest: APIRequestContext;
let owner: Page;
let analyst: Page;
let viewer: Page;

const table = (page: Page) => page.getByTestId('detections-table');
const chip = (page: Page, name: string) => page.locator(`[data-testid="filter-chip"][data-name="${name}"]`);
const search = (page: Page) => new URL(page.url()).searchParams;

/**
 * The external ids of the rows in the DOM. The table is virtualised (the rows
 * near the viewport) and below the counters and the chart: scroll its top
 * into view first, and wait for the rows the viewport holds.
 */
async function listedIds(page: Page): Promise<string[]> {
  const count = Number(await table(page).getAttribute('data-row-count'));
  await table(page).evaluate((el) => el.scrollIntoView({ block: 'start' }));
  const rows = page.locator('[data-testid="detection-row"]');
  await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(Math.min(count, 10));
  return rows.evaluateAll((all) => all.map((r) => r.getAttribute('data-external-id')!));
}

/** The table's row count after "Load more"; on failure, also what the page's toasts said (a failed fetch says why). */
async function expectRowCount(page: Page, rows: number) {
  try {
    await expect(table(page)).toHaveAttribute('data-row-count', String(rows));
  } catch (error) {
    const toasts = await page.locator('[data-sonner-toast]').allTextContents();
    throw new Error(`${(error as Error).message}\ntoasts: ${JSON.stringify(toasts)}`);
  }
}

test.beforeAll(async ({ browser, baseURL }) => {
  test.setTimeout(180_000);
  run = newRunId();
  ingest = await playwrightRequest.newContext({ baseURL });
  owner = await (await browser.newContext()).newPage();
  await signUpAndCreateOrg(owner, 'filters', run);
  key = await createApiKey(owner);
  analyst = await joinOrgAs(browser, owner, 'analyst', run);
  viewer = await joinOrgAs(browser, owner, 'viewer', run);
  // Oldest first: ordinary shoppers, then the IP under investigation, then three big orders.
  for (let i = 0; i < ORDINARY_ROWS; i++) await postAttempt(ingest, key, { externalId: `o_${i}_${run}`, ip: `198.51.100.${i + 1}`, card: `o${i}${run}`, amount: 1500 + i });
  for (let i = 0; i < TARGET_ROWS; i++) await postAttempt(ingest, key, { externalId: `t_${i}_${run}`, ip: TARGET, card: `t${i % 4}${run}`, amount: 4999 });
  for (let i = 0; i < BIG_ROWS; i++) await postAttempt(ingest, key, { externalId: `b_${i}_${run}`, ip: `192.0.2.${i + 1}`, card: `b${i}${run}`, amount: 9000 });
});

test.afterAll(async () => {
  for (const page of [owner, analyst, viewer]) await page?.context().close();
  await ingest?.dispose();
});

test('a URL with a filter shows only the matching rows and the filter as a chip', async () => {
  await analyst.goto(`/dashboard?ip=${TARGET}`);
  await expect(table(analyst)).toHaveAttribute('data-row-count', '50');
  await expect(chip(analyst, 'ip')).toContainText(`IP: ${TARGET}`);
  await expect(analyst.getByLabel('Key to search')).toHaveValue('ip');
  await expect(analyst.getByLabel('Key value')).toHaveValue(TARGET);
  const ids = await listedIds(analyst);
  expect(ids.length).toBeGreaterThan(5);
  for (const id of ids) expect(id).toMatch(/^t_/);
  // Newest first: the last target row leads.
  expect(ids[0]).toBe(`t_${TARGET_ROWS - 1}_${run}`);
});

test('the bar fits 1,280 px above the whole table, and wraps without overflow narrower', async () => {
  const page = analyst;
  for (const width of [1280, 760]) {
    await page.setViewportSize({ width, height: 800 });
    await page.goto(`/dashboard?ip=${TARGET}&minAmount=100`);
    await expect(table(page)).toHaveAttribute('data-row-count', '50');
    expect(await page.evaluate(() => document.documentElement.scrollWidth), `no horizontal scroll at ${width} px`).toBeLessThanOrEqual(width);
    const bar = (await page.getByTestId('filter-bar').boundingBox())!;
    const views = (await page.getByTestId('views-button').boundingBox())!;
    expect(bar.x + bar.width).toBeLessThanOrEqual(width);
    expect(views.x + views.width).toBeLessThanOrEqual(width);
    if (width === 1280) {
      // Every column of the table is on screen, the last one (the decision) included.
      const last = (await table(page).locator('th').last().boundingBox())!;
      expect(last.x + last.width).toBeLessThanOrEqual(width);
      expect(bar.height, 'the bar takes at most two rows').toBeLessThan(150);
    }
  }
  await page.setViewportSize({ width: 1280, height: 720 });
});

test('a filter chosen in the bar goes into the URL, and that URL opened afresh shows the same list; back and forward work', async () => {
  const page = analyst;
  await page.goto('/dashboard');
  await expect(table(page)).toHaveAttribute('data-row-count', '50');

  // Major units in the bar, minor units in the URL (the API's).
  await page.getByLabel('Min amount').fill('50.00');
  await page.getByLabel('Min amount').press('Enter');
  await expect.poll(() => search(page).get('minAmount')).toBe('5000');
  await expect(table(page)).toHaveAttribute('data-row-count', String(BIG_ROWS));
  await expect(chip(page, 'minAmount')).toContainText('Amount ≥ 50.00');

  // A select applies at once.
  await page.getByLabel('Decision', { exact: true }).selectOption('ALLOW');
  await expect.poll(() => search(page).get('decision')).toBe('ALLOW');
  await expect(chip(page, 'decision')).toBeVisible();
  const filteredIds = (await listedIds(page)).sort();
  expect(filteredIds.length).toBeGreaterThan(0);
  for (const id of filteredIds) expect(id).toMatch(/^b_/);

  const fresh = await page.context().newPage();
  await fresh.goto(page.url());
  await expect(table(fresh)).toHaveAttribute('data-row-count', String(filteredIds.length));
  expect((await listedIds(fresh)).sort()).toEqual(filteredIds);
  await expect(fresh.getByLabel('Min amount')).toHaveValue('50.00');
  await expect(fresh.getByLabel('Decision', { exact: true })).toHaveValue('ALLOW');
  await fresh.close();

  await page.goBack();
  await expect.poll(() => search(page).get('decision')).toBeNull();
  await expect(chip(page, 'decision')).toHaveCount(0);
  await expect(page.getByLabel('Decision', { exact: true })).toHaveValue('');
  await expect(table(page)).toHaveAttribute('data-row-count', String(BIG_ROWS));
  await page.goForward();
  await expect(chip(page, 'decision')).toBeVisible();
});

test('a chip removes its filter, and "Clear filters" shows the whole live list again', async () => {
  const page = analyst;
  await page.goto(`/dashboard?ip=${TARGET}&minAmount=5000`);
  await expect(page.getByTestId('filtered-empty')).toBeVisible();
  await page.getByRole('button', { name: 'Remove filter Amount ≥ 50.00' }).click();
  await expect.poll(() => search(page).get('minAmount')).toBeNull();
  await expect(table(page)).toHaveAttribute('data-row-count', '50');
  await page.getByTestId('filters-clear').click();
  await expect.poll(() => page.url()).toMatch(/\/dashboard$/);
  await expect(page.getByTestId('filter-chip')).toHaveCount(0);
  await expect(page.getByLabel('Key value')).toHaveValue('');
  await expect(table(page)).toHaveAttribute('data-row-count', '50');
  expect((await listedIds(page))[0]).toBe(`b_${BIG_ROWS - 1}_${run}`);
});

test('"Load more" appends the older rows once each, then says there are none', async () => {
  const page = analyst;
  await test.step('filtered', async () => {
    await page.goto(`/dashboard?ip=${TARGET}`);
    await expect(table(page)).toHaveAttribute('data-row-count', '50');
    // The stream settled first: what it does while connecting is not this test's subject.
    await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'live');
    await page.getByTestId('load-more').click();
    // 55 rows, each once: a duplicate would make more, a gap fewer.
    await expectRowCount(page, TARGET_ROWS);
    await expect(page.getByTestId('no-older')).toHaveText('No older detections');
    await expect(page.getByTestId('load-more')).toHaveCount(0);
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await expect(row(page, `t_0_${run}`)).toBeVisible();
    const ids = await listedIds(page);
    expect(new Set(ids).size).toBe(ids.length);
  });
  await test.step('unfiltered', async () => {
    await page.goto('/dashboard');
    await expect(table(page)).toHaveAttribute('data-row-count', '50');
    await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'live');
    await page.getByTestId('load-more').click();
    await expectRowCount(page, ORDINARY_ROWS + TARGET_ROWS + BIG_ROWS);
    await expect(page.getByTestId('no-older')).toBeVisible();
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await expect(row(page, `o_0_${run}`)).toBeVisible();
  });
});

test('under a filter, a live detection that matches appears without a reload; one that does not never does', async () => {
  const page = analyst;
  await page.goto(`/dashboard?ip=${TARGET}`);
  await expect(table(page)).toHaveAttribute('data-row-count', '50');
  await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'live');
  await page.getByTestId('load-more').click();
  await expectRowCount(page, TARGET_ROWS);
  await page.evaluate(() => window.scrollTo(0, 0));

  // The one that does not match first: once the matching one shows, the stream has delivered both.
  await postAttempt(ingest, key, { externalId: `o_live_${run}`, ip: '198.51.100.200', card: `olive${run}`, amount: 4999 });
  await postAttempt(ingest, key, { externalId: `t_live_${run}`, ip: TARGET, card: `tlive${run}`, amount: 4999 });
  await expect(row(page, `t_live_${run}`)).toBeVisible();
  await expect(table(page)).toHaveAttribute('data-row-count', String(TARGET_ROWS + 1));
  expect((await listedIds(page))[0]).toBe(`t_live_${run}`);
  await expectAbsentFor(page, row(page, `o_live_${run}`), 3_000);
  await expect(page.getByTestId('no-older')).toBeVisible();
});

test('a bad value typed in the URL shows the API\'s message beside the bar, and the page stays usable', async () => {
  const page = analyst;
  await page.goto('/dashboard?minScore=80&maxScore=20');
  await expect(page.getByTestId('filters-error')).toHaveText('maxScore: Must be at least minScore (80)');
  await expect(page.getByTestId('filter-bar')).toBeVisible();
  await expect(page.getByTestId('detections-table')).toHaveCount(0);
  await page.goto('/dashboard?ipp=1.2.3.4');
  await expect(page.getByTestId('filters-error')).toContainText('Unknown parameter "ipp"');
  await page.getByRole('button', { name: 'Remove filter ipp: 1.2.3.4' }).click();
  await expect(page.getByTestId('filters-error')).toHaveCount(0);
  await expect(table(page)).toHaveAttribute('data-row-count', '50');
});

test('an analyst saves a shared view; a viewer sees it, applies it, and has no Save', async () => {
  const name = `Target IP ${run}`;
  await test.step('the analyst saves the filters of the page', async () => {
    await analyst.goto(`/dashboard?ip=${TARGET}&minScore=0`);
    await expect(table(analyst)).toHaveAttribute('data-row-count', '50');
    await analyst.getByTestId('views-button').click();
    await analyst.getByTestId('views-save-open').click();
    await analyst.getByLabel('View name').fill(name);
    await analyst.getByLabel('Share with the organization').check();
    await analyst.getByTestId('view-save').click();
    await expect(analyst.locator(`[data-testid="saved-view"][data-view-name="${name}"]`)).toBeVisible();
  });
  await test.step('the viewer applies it', async () => {
    await viewer.goto('/dashboard');
    await expect(table(viewer)).toHaveAttribute('data-row-count', '50');
    await viewer.getByTestId('views-button').click();
    const panel = viewer.getByTestId('views-panel');
    const view = panel.getByRole('region', { name: 'Shared with the organization' }).locator(`[data-testid="saved-view"][data-view-name="${name}"]`);
    await expect(view).toBeVisible();
    await expect(panel.getByTestId('views-save-open')).toHaveCount(0);
    await expect(view.getByTestId('saved-view-delete')).toHaveCount(0);
    await view.getByTestId('saved-view-apply').click();
    await expect.poll(() => search(viewer).get('ip')).toBe(TARGET);
    await expect(chip(viewer, 'ip')).toBeVisible();
    await expect(table(viewer)).toHaveAttribute('data-row-count', '50');
    for (const id of await listedIds(viewer)) expect(id).toMatch(/^t_/);
  });
});
