import type { Browser } from '@playwright/test';
import { cardTestingBurst, createApiKey, grantPlatformAdmin, newRunId, postAttempt, signUpAndCreateOrg } from '../helpers';

// An organization as a merchant's looks mid-attack: ordinary payments, a
// card-testing burst (an incident, items to review), an alert channel, its
// owner a platform admin too (so /admin can be visited). The owner's session is saved for the
// specs to open pages with.

export type TSeeded = { state: string; detectionId: string; incidentId: string };

export async function seedOrg(browser: Browser, who: string): Promise<TSeeded> {
  const page = await (await browser.newContext()).newPage();
  const run = newRunId();
  await signUpAndCreateOrg(page, who, run);
  await grantPlatformAdmin(`${who}-${run}@example.com`);
  const key = await createApiKey(page);
  for (let i = 0; i < 6; i++) await postAttempt(page.request, key, { externalId: `shop_${i}_${run}`, ip: `198.51.100.${20 + i}`, card: `s${i}${run}`, amount: 2_500 + i * 1_000 });
  await cardTestingBurst(page.request, key, run);
  // An alert channel, so the alerts page shows a channel with its actions (Edit, Send test, Delete).
  const channel = await page.request.post('/api/v1/alert-channels', {
    headers: { Origin: new URL(page.url()).origin },
    data: { type: 'email', target: `ops-${run}@shop.example`, events: ['attack.started', 'attack.ended'] },
  });
  if (channel.status() !== 201) throw new Error(`seeding an alert channel: ${channel.status()} ${await channel.text()}`);
  const listed = (await (await page.request.get('/api/v1/detections?limit=1')).json()) as { detections: { id: string }[] };
  const attacks = (await (await page.request.get('/api/v1/attacks')).json()) as { attacks: { id: string }[] };
  const state = `.data/test-results/${who}-${run}.json`;
  await page.context().storageState({ path: state });
  await page.context().close();
  return { state, detectionId: listed.detections[0].id, incidentId: attacks.attacks[0]?.id ?? '' };
}

/** Every page a signed-in owner can open, with what shows it has rendered. */
export const SIGNED_IN_PAGES: [path: string, name: string, ready: string][] = [
  ['/dashboard', 'dashboard', '[data-testid="detection-row"]'],
  ['/review', 'review queue', 'main h1'],
  ['/attacks', 'incidents', 'main h1'],
  ['/settings', 'settings', 'main h1'],
  ['/settings/rules', 'rules', '[data-testid="rule-row"]'],
  ['/settings/audit', 'audit log', 'main h1'],
  ['/settings/team', 'team', 'main h1'],
  ['/settings/api-keys', 'API keys', 'main h1'],
  ['/settings/webhooks', 'webhooks', 'main h1'],
  ['/settings/alerts', 'alerts', '[data-testid="alert-channel"]'],
  ['/settings/stripe', 'Stripe', 'main h1'],
  ['/admin', 'platform admin', '[data-testid="admin-active-connections"]'],
];
