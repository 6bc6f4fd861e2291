import { expect, test } from '@playwright/test';
import postgres from 'postgres';
import { spawnNext, stopChild, waitForHealthy } from '../../scripts/lib/next-process';
import { adminApi, connectionState, createApiKey, newRunId, postTransaction, row, sessionOf, signUpAndCreateOrg, streamsOfUser } from '../helpers';

// The dashboard that never goes stale: whatever happens to the connection,
// every detection shows exactly once and the badge says what is true. The
// timings printed here ("[timing] …") are the ones quoted in the README.

const timing = (label: string, since: number) => console.log(`[timing] ${label}: ${((Date.now() - since) / 1000).toFixed(1)} s`);

test('a blocked stream falls back to polling, keeps delivering, and returns to live', async ({ browser, request }) => {
  const run = newRunId();
  const context = await browser.newContext();
  const page = await context.newPage();
  await signUpAndCreateOrg(page, 'poll', run);
  const key = await createApiKey(page);

  // A proxy that refuses the stream: every request to it fails from now on.
  await page.route('**/api/v1/events**', (route) => route.abort('connectionrefused'));
  const blockedAt = Date.now();
  await page.reload();
  await expect(connectionState(page)).toHaveAttribute('data-state', 'polling', { timeout: 20_000 });
  timing('stream blocked → polling', blockedAt);
  await expect(connectionState(page)).toHaveText('Polling');

  const polledId = `e2e_poll_${run}`;
  const postedAt = Date.now();
  await postTransaction(request, key, polledId);
  await expect(row(page, polledId)).toBeVisible({ timeout: 15_000 });
  timing('detection shown while polling', postedAt);
  await expect(connectionState(page)).toHaveAttribute('data-state', 'polling');

  const unblockedAt = Date.now();
  await page.unroute('**/api/v1/events**');
  await expect(connectionState(page)).toHaveAttribute('data-state', 'live', { timeout: 45_000 });
  timing('stream unblocked → live', unblockedAt);

  const liveId = `e2e_poll_live_${run}`;
  await postTransaction(request, key, liveId);
  await expect(row(page, liveId)).toBeVisible({ timeout: 10_000 });
  await expect(row(page, polledId)).toHaveCount(1);
  await expect(row(page, liveId)).toHaveCount(1);
  await context.close();
});

test('the server stops and comes back: reconnecting → live, every detection once', async ({ browser, request, baseURL }) => {
  const port = Number(new URL(baseURL!).port) + 50;
  const ownUrl = `http://127.0.0.1:${port}`;
  const start = async () => {
    const child = spawnNext('start', { port, hostname: '127.0.0.1', quiet: true, env: { BETTER_AUTH_URL: ownUrl } });
    await waitForHealthy(ownUrl, { timeoutMs: 60_000, child });
    return child;
  };
  let server = await start();
  try {
    const run = newRunId();
    const context = await browser.newContext({ baseURL: ownUrl });
    const page = await context.newPage();
    await signUpAndCreateOrg(page, 'restart', run);
    const key = await createApiKey(page);

    const stoppedAt = Date.now();
    await stopChild(server);
    await expect(connectionState(page)).toHaveAttribute('data-state', 'reconnecting', { timeout: 10_000 });
    timing('server stopped → reconnecting', stoppedAt);

    // Written while the page's server is down, through the other server on the same database.
    const ids = [1, 2, 3].map((i) => `e2e_restart_${i}_${run}`);
    for (const id of ids) await postTransaction(request, key, id);
    await expect(connectionState(page)).not.toHaveAttribute('data-state', 'live');

    const restartedAt = Date.now();
    server = await start();
    timing('server restart (process up)', restartedAt);
    await expect(connectionState(page)).toHaveAttribute('data-state', 'live', { timeout: 45_000 });
    timing('server restarted → live', restartedAt);
    for (const id of ids) {
      await expect(row(page, id)).toBeVisible({ timeout: 10_000 });
      await expect(row(page, id)).toHaveCount(1);
    }
    await context.close();
  } finally {
    await stopChild(server);
  }
});

test('three tabs share one stream, all receive, and closing the leader hands over without loss', async ({ browser, request, baseURL }) => {
  const run = newRunId();
  const context = await browser.newContext();
  const first = await context.newPage();
  await signUpAndCreateOrg(first, 'tabs', run);
  const key = await createApiKey(first);
  const { userId } = await sessionOf(first);
  const tabs = [first, await context.newPage(), await context.newPage()];
  for (const tab of tabs.slice(1)) await tab.goto('/dashboard');
  for (const tab of tabs) await expect(connectionState(tab)).toHaveAttribute('data-state', 'live');

  const admin = await adminApi(baseURL!);
  await expect.poll(() => streamsOfUser(admin, userId), { timeout: 10_000 }).toBe(1);
  const roles = await Promise.all(tabs.map((t) => connectionState(t).getAttribute('data-role')));
  expect(roles.filter((r) => r === 'leader')).toHaveLength(1);
  expect(roles.filter((r) => r === 'follower')).toHaveLength(2);

  const sharedId = `e2e_tabs_1_${run}`;
  await postTransaction(request, key, sharedId);
  for (const tab of tabs) await expect(row(tab, sharedId)).toBeVisible({ timeout: 10_000 });

  const leader = tabs[roles.indexOf('leader')];
  const rest = tabs.filter((t) => t !== leader);
  const closedAt = Date.now();
  await leader.close();
  // Written during the handover, before the next leader's stream is open.
  const handoverId = `e2e_tabs_2_${run}`;
  await postTransaction(request, key, handoverId);
  for (const tab of rest) {
    await expect(row(tab, handoverId)).toBeVisible({ timeout: 15_000 });
    await expect(row(tab, handoverId)).toHaveCount(1);
  }
  timing('leader tab closed → detection on the other tabs', closedAt);
  await expect.poll(async () => (await Promise.all(rest.map((t) => connectionState(t).getAttribute('data-role')))).sort().join(','), { timeout: 10_000 }).toBe('follower,leader');
  await expect.poll(() => streamsOfUser(admin, userId), { timeout: 10_000 }).toBe(1);
  await admin.dispose();
  await context.close();
});

test('a burst of 50: one grouped toast, an "N new" pill when scrolled, counters equal to the database', async ({ browser, request }) => {
  const run = newRunId();
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  await signUpAndCreateOrg(page, 'burst', run);
  const key = await createApiKey(page);
  // History first, so the table is long enough to scroll; then a fresh page without their toasts.
  for (let i = 0; i < 30; i++) await postTransaction(request, key, `e2e_hist_${i}_${run}`);
  await page.reload();
  // The table is virtualised: it lists 30 rows, and only those near the viewport are in the DOM.
  const table = page.getByTestId('detections-table');
  await expect(table).toHaveAttribute('data-row-count', '30');
  await expect(connectionState(page)).toHaveAttribute('data-state', 'live');

  // Reading further down the table: its first rows are out of sight, the last one under the reader's eyes.
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await expect.poll(() => page.getByTestId('detections-table').evaluate((t) => t.getBoundingClientRect().top)).toBeLessThan(-100);
  const lastRow = page.locator('[data-testid="detection-row"][aria-rowindex="31"]');
  const lastRowBefore = await lastRow.getAttribute('data-external-id');

  const burst = Array.from({ length: 50 }, (_, i) => `e2e_burst_${i}_${run}`);
  for (let i = 0; i < burst.length; i += 10) await Promise.all(burst.slice(i, i + 10).map((id) => postTransaction(request, key, id)));

  const pill = page.getByTestId('new-rows-pill');
  await expect(pill).toHaveText(/50 new/, { timeout: 15_000 });
  // The rows under the reader's eyes did not move: the burst waits above, the table still lists the 30.
  await expect(table).toHaveAttribute('data-row-count', '30');
  await expect(lastRow).toHaveAttribute('data-external-id', lastRowBefore!);
  // One toast that counts them: one IP trying 50 cards is blocked by the default rules.
  const toasts = page.locator('[data-sonner-toast]');
  await expect(toasts.filter({ hasText: /^50 (blocked|flagged) payments/ })).toHaveCount(1);
  await expect(toasts).toHaveCount(1);

  await pill.click();
  await expect(pill).toBeHidden();
  await expect(page.getByTestId('detection-row').first()).toHaveAttribute('data-external-id', burst.at(-1)!, { timeout: 5_000 }).catch(async () => {
    // Concurrent requests commit in any order: the newest row is one of the burst.
    expect(burst).toContain(await page.getByTestId('detection-row').first().getAttribute('data-external-id'));
  });
  await expect(table).toHaveAttribute('data-row-count', '80');

  // The database itself (the owner's connection, for assertions only): what the counters must say.
  const { orgId } = await sessionOf(page);
  const sql = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
  try {
    const [db] = await sql<{ total: number; blocked: number }[]>`
      select count(*)::int as total, count(*) filter (where decision = 'BLOCK')::int as blocked
      from detections where organization_id = ${orgId}`;
    expect(db.total).toBe(80);
    await expect(page.getByTestId('kpi-total')).toHaveText(String(db.total), { timeout: 10_000 });
    await expect(page.getByTestId('kpi-blocked')).toHaveText(String(db.blocked));
  } finally {
    await sql.end();
  }
  await context.close();
});
