import { expect, test, type APIRequestContext } from '@playwright/test';
import postgres from 'postgres';
import { createApiKey, newRunId, sessionOf, signUpAndCreateOrg } from '../helpers';

// After the attack: when the war room closes, the dashboard sums the
// incident up and links to its page, which lists what the team did. The
// detector's own closing (60 s after the attack's last attempt, shoppers or
// not) is tested in tests/attacks; here the incident is closed in SQL, as the
// detector would, so the test does not wait a minute.

async function cardTest(request: APIRequestContext, key: string, run: string, i: number) {
  const res = await request.post('/api/v1/transactions', {
    headers: { Authorization: `Bearer ${key}` },
    data: {
      externalId: `ct_${run}_${i}`, amount: 100, currency: 'EUR', ip: '203.0.113.77', email: `bot${i}@mailinator.test`,
      card: { fingerprint: `fp_${run}_${i}`, bin: '453201', last4: String(1000 + i) },
      authStatus: i % 4 === 0 ? 'authorized' : 'declined', ...(i % 4 === 0 ? {} : { declineCode: 'card_declined' }),
    },
  });
  expect(res.status(), await res.text()).toBe(201);
}

test('the war room closes into a summary that links to the incident and what the team did', async ({ page, request }) => {
  const run = newRunId();
  await signUpAndCreateOrg(page, 'incident', run);
  const key = await createApiKey(page);
  const { orgId } = await sessionOf(page);
  await page.goto('/dashboard');

  for (let i = 0; i < 15; i++) await cardTest(request, key, run, i);
  await expect(page.getByTestId('war-room')).toBeVisible({ timeout: 10_000 });
  // An analyst blocks the attacking IP from the war room.
  const attacker = page.getByTestId('war-top-ip').locator('[data-value="203.0.113.77"]');
  await attacker.getByTestId('war-block').click();
  await expect(attacker.getByTestId('war-blocked')).toBeVisible({ timeout: 5_000 });

  const sql = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
  try {
    // The detector counts in the background, coalesced; on a busy machine its last run can trail the
    // last attempt. It would have counted them all before a quiet period closed the incident, so wait
    // for that before closing it by hand.
    await expect
      .poll(async () => (await sql`select attempts from attacks where organization_id = ${orgId} and status = 'open'`)[0]?.attempts, { timeout: 15_000 })
      .toBe(15);
    await sql`update attacks set status = 'closed', ended_at = now(), version = version + 1, updated_at = now() where organization_id = ${orgId} and status = 'open'`;
  } finally {
    await sql.end();
  }

  const summary = page.getByTestId('attack-summary');
  await expect(summary).toBeVisible({ timeout: 10_000 });
  await expect(page.getByTestId('war-room')).toHaveCount(0);
  await expect(summary).toContainText(/Attack over after .+: 15 attempts, \d+ % blocked, 1 IP blocked by incident-/);

  await page.getByTestId('attack-summary-link').click();
  await page.waitForURL('**/attacks/*');
  await expect(page.getByTestId('attack-title')).toContainText('Card-testing attack');
  await expect(page.getByTestId('attack-actions')).toContainText(/blocked IP 203\.0\.113\.77 for/);
  await expect(page.getByTestId('attack-export')).toHaveAttribute('href', /\/api\/v1\/attacks\/[0-9a-f-]+\/export$/);

  await page.getByRole('link', { name: '← Incidents' }).click();
  await expect(page.getByTestId('attack-row')).toHaveCount(1);

  // Dismissed once, it stays dismissed.
  await page.goto('/dashboard');
  await page.getByRole('button', { name: 'Dismiss the summary' }).click();
  await page.reload();
  await expect(page.getByTestId('attack-summary')).toHaveCount(0);
});
