import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { joinOrgAs, newRunId, signUpAndCreateOrg } from '../helpers';

// An admin adds an endpoint that points at a real local receiver, sees its
// secret once, sends a test event, and reads in the delivery log that it was
// answered 200; the receiver got it, signed with that secret.

test('an admin adds an endpoint, sees its secret once, sends a test event and sees it delivered', async ({ page: owner, browser }) => {
  const received: { type: string; signature: string }[] = [];
  const receiver = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      received.push({ type: JSON.parse(raw).type, signature: String(req.headers['orylo-signature']) });
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', () => resolve()));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
  try {
    const run = newRunId();
    await signUpAndCreateOrg(owner, 'webhooks-owner', run);
    const page = await joinOrgAs(browser, owner, 'admin', run);
    await page.goto('/settings');
    await page.getByRole('link', { name: 'Webhooks' }).click();
    await expect(page.getByRole('heading', { name: 'Webhooks' })).toBeVisible();
    await expect(page.getByTestId('verify-snippet')).toContainText('timingSafeEqual');

    await page.getByLabel('Endpoint URL').fill(url);
    await page.getByTestId('webhook-event-list.changed').check();
    await page.getByTestId('create-webhook').click();
    const secret = await page.getByTestId('webhook-secret').textContent();
    expect(secret).toMatch(/^whsec_/);
    const endpoint = page.getByTestId('webhook-endpoint');
    await expect(endpoint).toContainText(url);
    await page.getByRole('button', { name: 'I’ve saved it' }).click();
    await expect(page.getByTestId('webhook-secret')).toHaveCount(0);
    // Never shown again, not even after a reload.
    await page.reload();
    await expect(endpoint).toContainText(url);
    expect(await page.content()).not.toContain(secret!);

    await endpoint.getByTestId('webhook-send-test').click();
    const row = endpoint.getByTestId('webhook-log-row').first();
    await expect(row).toHaveAttribute('data-status', '200', { timeout: 15_000 });
    await expect(row).toHaveAttribute('data-type', 'test');
    await expect(row).toContainText('ok');
    expect(received.map((r) => r.type)).toEqual(['test']);
    expect(received[0].signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
  } finally {
    receiver.closeAllConnections();
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  }
});
