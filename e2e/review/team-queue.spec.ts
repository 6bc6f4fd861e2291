import { expect, request as playwrightRequest, test, type APIRequestContext, type Page } from '@playwright/test';
import { createApiKey, joinOrgAs, newRunId, signUpAndCreateOrg } from '../helpers';

// The team review queue in two browser contexts: the owner (A) and an analyst
// (B) work the same queue at 1,280 × 800. A claims and B sees it claimed,
// live; keyboard approve; bulk block; every action within the viewport.

test.describe.configure({ mode: 'serial' });

const VIEWPORT = { width: 1280, height: 800 };
let run = '';
let a: Page;
let b: Page;
let ingest: APIRequestContext;
const reviewIds: string[] = [];

const rowIn = (page: Page, externalId: string) => page.locator(`[data-testid="review-row"][data-external-id="${externalId}"]`);
const detectionOf = async (page: Page, externalId: string) => {
  const res = await page.request.get('/api/v1/detections?limit=100');
  const { detections } = (await res.json()) as { detections: { externalId: string; decision: string; review: { verdict: string | null; by: string | null } | null }[] };
  return detections.find((d) => d.externalId === externalId);
};

test.beforeAll(async ({ browser, baseURL }) => {
  run = newRunId();
  a = await (await browser.newContext({ viewport: VIEWPORT })).newPage();
  await signUpAndCreateOrg(a, 'owner', run);
  const key = await createApiKey(a);
  b = await joinOrgAs(browser, a, 'member', run);
  await b.setViewportSize(VIEWPORT);
  ingest = await playwrightRequest.newContext({ baseURL });
  // More than 5 attempts from one IP in 30 minutes go to review: attempts 6 to 11.
  for (let i = 0; i < 11; i++) {
    const externalId = `tq_${i}_${run}`;
    const res = await ingest.post('/api/v1/transactions', {
      headers: { Authorization: `Bearer ${key}` },
      data: { externalId, amount: 4_000, currency: 'EUR', ip: '198.51.100.91', email: `buyer${run}@example.com`, card: { fingerprint: `fp_${run}`, bin: '424242', last4: '4242' }, authStatus: 'authorized' },
    });
    expect(res.status(), await res.text()).toBe(201);
    if ((await res.json()).detection.decision === 'REVIEW') reviewIds.push(externalId);
  }
  expect(reviewIds.length, 'attempts sent to review').toBeGreaterThanOrEqual(5);
  for (const page of [a, b]) {
    await page.goto('/review');
    await expect(page.getByTestId('review-row')).toHaveCount(reviewIds.length);
  }
});

test.afterAll(async () => {
  await a?.context().close();
  await b?.context().close();
  await ingest?.dispose();
});

test('at 1,280 px every action of every row is within the viewport', async () => {
  for (const page of [a, b]) {
    const controls = page.locator('[data-testid="review-approve"], [data-testid="review-block"], [data-testid="review-note"], [data-testid="review-verdict"], [data-testid="review-claim-next"], [data-testid="review-claim-one"]');
    expect(await controls.count()).toBeGreaterThanOrEqual(reviewIds.length * 4);
    for (const box of await controls.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON()))) {
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width, 'right edge within 1,280 px').toBeLessThanOrEqual(VIEWPORT.width);
    }
    // And the queue's table does not scroll sideways to hide any of it.
    const wrap = page.getByTestId('review-table').locator('xpath=..');
    const { scroll, client } = await wrap.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    expect(scroll, 'the table fits its card').toBeLessThanOrEqual(client);
  }
});

test('A claims the next item; B sees it claimed by A, live, and cannot decide it', async () => {
  const oldest = reviewIds[0];
  await a.getByTestId('review-claim-next').click();
  await expect(rowIn(a, oldest).getByTestId('review-claim')).toHaveAttribute('data-mine', 'true');
  await expect(rowIn(a, oldest).getByTestId('review-claim')).toContainText('You');
  // No reload on B's side: the stream brings the claim.
  const claimOnB = rowIn(b, oldest).getByTestId('review-claim');
  await expect(claimOnB).toHaveAttribute('data-claimed-by', `owner-${run}@example.com`, { timeout: 10_000 });
  await expect(claimOnB).toContainText('User owner');
  await expect(rowIn(b, oldest).getByTestId('review-approve')).toBeDisabled();
  await expect(rowIn(b, oldest).getByTestId('review-block')).toBeDisabled();
});

test('keyboard: typing in a note never fires a shortcut; j moves, a approves the active row, n claims the next', async () => {
  const target = reviewIds[1];
  await expect(b.getByTestId('review-shortcuts')).toContainText('a approve');
  // Typing "a" and "b" into a note is a note.
  await rowIn(b, target).getByTestId('review-note').fill('');
  await rowIn(b, target).getByTestId('review-note').pressSequentially('ab');
  await expect(rowIn(b, target).getByTestId('review-note')).toHaveValue('ab');
  await expect(rowIn(b, target)).toBeVisible();
  // Activate the row with a click, move away and back with k and j, then approve by key.
  await rowIn(b, target).locator('td').first().click();
  await expect(rowIn(b, target)).toHaveAttribute('data-active', 'true');
  await b.keyboard.press('k');
  await b.keyboard.press('j');
  await expect(rowIn(b, target)).toHaveAttribute('data-active', 'true');
  await b.keyboard.press('a');
  await expect(rowIn(b, target)).toHaveCount(0);
  await expect(rowIn(a, target)).toHaveCount(0, { timeout: 10_000 });
  const d = await detectionOf(b, target);
  expect(d).toMatchObject({ decision: 'ALLOW', review: { verdict: 'genuine', by: `member-${run}@example.com` } });
  // n: B claims the oldest item nobody holds (A holds the oldest of all); it becomes B's active row, and A sees it live.
  await b.keyboard.press('n');
  await expect(rowIn(b, reviewIds[2]).getByTestId('review-claim')).toHaveAttribute('data-mine', 'true');
  await expect(rowIn(b, reviewIds[2])).toHaveAttribute('data-active', 'true');
  await expect(rowIn(a, reviewIds[2]).getByTestId('review-claim')).toHaveAttribute('data-claimed-by', `member-${run}@example.com`, { timeout: 10_000 });
});

test('bulk block: B selects two rows (x and a checkbox) and blocks them with a verdict; both dashboards drop them', async () => {
  const [first, second] = [reviewIds[2], reviewIds[3]];
  await rowIn(b, first).locator('td').first().click();
  await b.keyboard.press('x');
  await rowIn(b, second).getByTestId('review-select').check();
  await expect(b.getByTestId('review-selected-count')).toHaveText('2 selected');
  await b.getByTestId('bulk-verdict').selectOption('unclear');
  await b.getByTestId('bulk-block').click();
  for (const page of [b, a]) {
    await expect(rowIn(page, first)).toHaveCount(0, { timeout: 10_000 });
    await expect(rowIn(page, second)).toHaveCount(0, { timeout: 10_000 });
  }
  for (const id of [first, second]) expect(await detectionOf(a, id)).toMatchObject({ decision: 'BLOCK', review: { verdict: 'unclear' } });
  // A still holds the oldest: it stayed in both queues.
  await expect(rowIn(b, reviewIds[0])).toBeVisible();
});

test('resolve by IP: B blocks every pending payment from the active row\'s IP; the one A holds is skipped and named', async () => {
  const rest = reviewIds.slice(4);
  await rowIn(b, rest[0]).locator('td').first().click();
  await b.getByTestId('resolve-ip-block').click();
  await b.getByTestId('resolve-ip-confirm').click();
  await expect(b.getByText(/Blocked \d+ payments?; 1 skipped/)).toBeVisible();
  for (const id of rest) await expect(rowIn(b, id)).toHaveCount(0);
  await expect(rowIn(b, reviewIds[0])).toBeVisible();
  for (const id of rest) expect(await detectionOf(a, id)).toMatchObject({ decision: 'BLOCK', review: { verdict: 'fraud' } });
  expect((await detectionOf(a, reviewIds[0]))?.decision).toBe('REVIEW');
});
