import { expect, test } from '@playwright/test';
import { cardTestingBurst, connectionState, createApiKey, newRunId, signUpAndCreateOrg } from '../helpers';

// Honest when stale: while the live feed is cut, the war room and the counters
// say since when their figures are stale and stop claiming to refresh every
// 2 seconds, and the badge tells "no network" from "server unreachable".

const STALE = /^Figures as of \d{1,2}:\d{2}:\d{2}.* — /;

test('the war room and the counters say since when they are stale while the stream is cut', async ({ browser, request }) => {
  const run = newRunId();
  const context = await browser.newContext();
  const page = await context.newPage();
  await signUpAndCreateOrg(page, 'stale', run);
  const key = await createApiKey(page);
  await cardTestingBurst(request, key, run);
  const warRoom = page.getByTestId('war-room');
  await expect(warRoom).toBeVisible({ timeout: 10_000 });

  await test.step('live: the war room says its counters refresh, and nothing is stale', async () => {
    await expect(warRoom).toContainText('Counters refresh every 2 seconds.');
    await expect(page.getByTestId('war-stale')).toHaveCount(0);
    await expect(page.getByTestId('kpi-stale')).toHaveCount(0);
  });

  await test.step('no network on this device: "offline, no network", with the time of the figures', async () => {
    await context.setOffline(true);
    await expect(connectionState(page)).toHaveAttribute('data-state', 'offline');
    await expect(page.getByTestId('war-stale')).toHaveText(new RegExp(`${STALE.source}offline, no network\\.$`));
    await expect(page.getByTestId('kpi-stale')).toHaveText(new RegExp(`${STALE.source}offline, no network$`));
    await expect(warRoom).not.toContainText('Counters refresh every 2 seconds');
    await expect(connectionState(page)).toHaveAttribute('title', /^No network/);
    await context.setOffline(false);
    await expect(connectionState(page)).toHaveAttribute('data-state', 'live', { timeout: 20_000 });
    await expect(page.getByTestId('war-stale')).toHaveCount(0);
    await expect(warRoom).toContainText('Counters refresh every 2 seconds.');
  });

  await test.step('the server refuses the stream and the polls: "server unreachable"', async () => {
    // A proxy that refuses the stream and the polling fallback; the page itself still loads.
    await page.route(
      (url) => url.pathname === '/api/v1/events' || (url.pathname === '/api/v1/detections' && url.searchParams.has('after')),
      (route) => route.abort('connectionrefused'),
    );
    await page.reload();
    await expect(warRoom).toBeVisible();
    await expect(connectionState(page)).toHaveAttribute('data-problem', 'server_unreachable', { timeout: 20_000 });
    await expect(connectionState(page)).toHaveAttribute('title', /^Server unreachable: the network is up/);
    await expect(page.getByTestId('war-stale')).toHaveText(new RegExp(`${STALE.source}(reconnecting|offline), server unreachable\\.$`));
    await expect(page.getByTestId('kpi-stale')).toHaveText(new RegExp(`${STALE.source}(reconnecting|offline), server unreachable$`));
    await expect(warRoom).not.toContainText('Counters refresh every 2 seconds');
  });
  await context.close();
});
