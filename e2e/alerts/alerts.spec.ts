import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test, type Page } from '@playwright/test';
import { joinOrgAs, newRunId, signUpAndCreateOrg } from '../helpers';

// Settings → Alerts in a real Chromium: an admin adds a Slack channel that
// points at a local HTTP receiver (Slack's stand-in, started here), sends a
// test message, the receiver gets it and the page shows it recorded with
// HTTP 200, then changes the channel's language in place; a viewer of the same
// organization gets no controls.

test.describe.configure({ mode: 'serial' });

let receiver: Server;
let hookBase = '';
const received: { path: string; body: { text: string; blocks: unknown[] } }[] = [];
let owner: Page;
let run = '';

test.beforeAll(async () => {
  receiver = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      received.push({ path: req.url ?? '/', body: JSON.parse(raw || '{}') });
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  hookBase = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});
test.afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

test('an admin adds a Slack channel, sends a test message and sees it recorded with status 200', async ({ browser }) => {
  run = newRunId();
  owner = await (await browser.newContext()).newPage();
  await signUpAndCreateOrg(owner, 'alerts-owner', run);
  const admin = await joinOrgAs(browser, owner, 'admin', run);

  await admin.goto('/settings');
  await admin.locator('[data-testid="settings-section"][data-href="/settings/alerts"]').getByRole('link', { name: 'Alerts' }).click();
  await admin.waitForURL('**/settings/alerts');
  await expect(admin.getByTestId('no-alert-channels')).toBeVisible();
  await expect(admin.getByText('Attack started', { exact: true })).toBeVisible();
  await expect(admin.getByTestId('slack-howto')).toContainText('How to create a Slack incoming webhook');

  const hook = `${hookBase}/services/T0/B0/e2e${run}`;
  await admin.getByTestId('alert-target').fill(hook);
  // Only the incidents, not the backlog.
  await admin.getByTestId('alert-event-review.backlog').uncheck();
  await admin.getByTestId('create-alert-channel').click();

  const channel = admin.getByTestId('alert-channel');
  await expect(channel).toHaveCount(1);
  // The token is masked in the list.
  await expect(channel).toContainText(`${hookBase}/services/T0/B0/…`);
  await expect(channel).not.toContainText(`e2e${run}`);
  await expect(channel).toContainText('Attack started · Attack ended');

  await channel.getByTestId('test-alert-channel').click();
  await expect(channel.getByTestId('test-result')).toHaveAttribute('data-status', 'sent');
  await expect(channel.getByTestId('test-result')).toContainText('HTTP 200');
  const row = channel.getByTestId('alert-row');
  await expect(row).toHaveCount(1);
  await expect(row).toHaveAttribute('data-status', 'sent');
  await expect(row).toHaveAttribute('data-http-status', '200');
  await expect(row).toContainText('Test');

  const mine = received.filter((r) => r.path === `/services/T0/B0/e2e${run}`);
  expect(mine).toHaveLength(1);
  expect(mine[0].body.text).toContain(`Orylo test alert for Org alerts-owner ${run}`);
  expect(Array.isArray(mine[0].body.blocks)).toBe(true);

  // Reloaded, it is still there: recorded on the server, not only in the page.
  await admin.reload();
  await expect(admin.getByTestId('alert-row')).toHaveAttribute('data-http-status', '200');

  // Changed in place to French and the review backlog too: the next test message reads in French,
  // and the history stays.
  await channel.getByTestId('edit-alert-channel').click();
  const form = channel.getByTestId('edit-alert-channel-form');
  await form.getByTestId('alert-locale').selectOption('fr');
  await form.getByTestId('alert-event-review.backlog').check();
  await form.getByTestId('save-alert-channel').click();
  await expect(form).toHaveCount(0);
  await expect(channel).toContainText('Attack started · Attack ended · Review backlog · in French');
  await channel.getByTestId('test-alert-channel').click();
  await expect(channel.getByTestId('alert-row')).toHaveCount(2);
  const again = received.filter((r) => r.path === `/services/T0/B0/e2e${run}`);
  expect(again).toHaveLength(2);
  expect(again[1].body.text).toContain(`Alerte de test Orylo pour Org alerts-owner ${run}`);
});

test('a viewer sees no controls', async ({ browser }) => {
  const viewer = await joinOrgAs(browser, owner, 'viewer', run);
  await viewer.goto('/settings/alerts');
  await expect(viewer.getByTestId('role-note')).toBeVisible();
  await expect(viewer.getByTestId('role-note')).toContainText('admin role');
  await expect(viewer.getByTestId('backlog-readonly')).toContainText('30 min');
  await expect(viewer.getByTestId('alert-target')).toHaveCount(0);
  await expect(viewer.getByTestId('create-alert-channel')).toHaveCount(0);
  await expect(viewer.getByTestId('alert-channel')).toHaveCount(0);
  await expect(viewer.getByTestId('test-alert-channel')).toHaveCount(0);
  await expect(viewer.getByTestId('save-backlog-setting')).toHaveCount(0);
});
