import { expect, request as playwrightRequest, test, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { createApiKey, joinOrgAs, newRunId, signUpAndCreateOrg } from '../helpers';

// What each organization role is shown (README, "Roles"): a viewer reads
// everything and is offered no action; an analyst reviews, blocks and
// tightens, but cannot allow, remove, edit rules, change the thresholds or
// manage API keys; admins and owners see every control. Each page is checked
// once its data is on screen (a payment in review, list entries, an open
// card-testing attack), so a missing control means hidden, not still loading.

test.describe.configure({ mode: 'serial' });

type TWho = 'owner' | 'viewer' | 'analyst' | 'admin';
const pages = {} as Record<TWho, Page>;
let run = '';
let key = '';
let ingest: APIRequestContext;
let reviewId = '';
let attacks = 0;

/** A session call of the owner (Better Auth's CSRF check wants an Origin). */
async function asOwner(path: string, data: Record<string, unknown>, status = 200) {
  const res = await pages.owner.request.post(path, { headers: { Origin: new URL(pages.owner.url()).origin }, data });
  expect(res.status(), `${path}: ${await res.text()}`).toBe(status);
}

async function attempt(data: { externalId: string; ip: string; card: string; amount: number; declined?: boolean }) {
  const res = await ingest.post('/api/v1/transactions', {
    headers: { Authorization: `Bearer ${key}` },
    data: {
      externalId: data.externalId,
      amount: data.amount,
      currency: 'EUR',
      ip: data.ip,
      email: `${data.card}@mailinator.test`,
      card: { fingerprint: `fp_${data.card}`, bin: '411111', last4: '1111' },
      authStatus: data.declined ? 'declined' : 'authorized',
      ...(data.declined ? { declineCode: 'card_declined' } : {}),
    },
  });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { detection: { decision: string } }).detection;
}

/** A card-testing burst (new card each time, mostly declined): opens the war room, or keeps it open. */
async function cardTesting() {
  const batch = attacks++;
  for (let i = 0; i < 12; i++) {
    await attempt({ externalId: `ct_${batch}_${i}_${run}`, ip: '203.0.113.66', card: `c${batch}x${i}${run}`, amount: 50 + i, declined: i % 4 !== 0 });
  }
}

const roleNote = (scope: Page | Locator, permission: string) => scope.locator(`[data-testid="role-note"][data-permission="${permission}"]`);
const reviewRow = (page: Page) => page.locator(`[data-testid="review-row"][data-external-id="${reviewId}"]`);
const navLink = (page: Page, name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });
const RULE_CONTROLS = ['edit-window', 'edit-threshold', 'rule-mode', 'rule-enabled', 'edit-rule', 'new-rule'];

/** The war room of `page`'s dashboard during a fresh burst, with its top rows on screen. */
async function openWarRoom(page: Page): Promise<Locator> {
  await cardTesting();
  await page.goto('/dashboard');
  const warRoom = page.getByTestId('war-room');
  await expect(warRoom).toBeVisible({ timeout: 20_000 });
  await expect(warRoom.getByTestId('war-top-ip').getByTestId('war-top-row').first()).toBeVisible({ timeout: 10_000 });
  return warRoom;
}

async function openRules(page: Page) {
  await page.goto('/settings/rules');
  await expect(page.getByTestId('rule-row').first()).toBeVisible();
  await expect(page.getByTestId('list-row').first()).toBeVisible();
}

test.beforeAll(async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  run = newRunId();
  ingest = await playwrightRequest.newContext({ baseURL });
  pages.owner = await (await browser.newContext()).newPage();
  await signUpAndCreateOrg(pages.owner, 'roles', run);
  key = await createApiKey(pages.owner);
  pages.viewer = await joinOrgAs(browser, pages.owner, 'viewer', run);
  // Better Auth's default role: Orylo reads it as analyst.
  pages.analyst = await joinOrgAs(browser, pages.owner, 'member', run);
  pages.admin = await joinOrgAs(browser, pages.owner, 'admin', run);

  // More than 5 attempts from one IP in 30 minutes: the sixth goes to review.
  for (let i = 0; i < 6; i++) {
    const d = await attempt({ externalId: `rv_${i}_${run}`, ip: '198.51.100.78', card: `same${run}`, amount: 4_000 });
    if (d.decision === 'REVIEW') reviewId = `rv_${i}_${run}`;
  }
  expect(reviewId, 'one attempt went to review').not.toBe('');
  // A list entry of each kind, for the Remove buttons.
  await asOwner('/api/v1/lists', { type: 'ip', value: '192.0.2.10', action: 'block' }, 201);
  await asOwner('/api/v1/lists', { type: 'ip', value: '192.0.2.11', action: 'allow' }, 201);
});

test.afterAll(async () => {
  for (const page of Object.values(pages)) await page.context().close();
  await ingest?.dispose();
});

test('a viewer reads everything and is offered no action', async () => {
  test.setTimeout(120_000);
  const page = pages.viewer;

  await test.step('review queue: the payment, no Approve or Block, a line saying why', async () => {
    await page.goto('/review');
    await expect(reviewRow(page)).toBeVisible();
    await expect(page.getByTestId('review-approve')).toHaveCount(0);
    await expect(page.getByTestId('review-block')).toHaveCount(0);
    await expect(page.getByTestId('review-note')).toHaveCount(0);
    await expect(roleNote(page, 'review')).toHaveText(/^Viewers can.t review payments\. Ask an owner or admin of this organization for the analyst role\.$/);
  });

  await test.step("a detection's drawer: its details, no decision to take", async () => {
    await reviewRow(page).getByRole('button', { name: reviewId, exact: true }).click();
    const drawer = page.getByTestId('detection-drawer');
    await expect(drawer).toContainText(reviewId);
    await expect(drawer.getByTestId('detection-reasons')).toBeVisible();
    await expect(drawer.getByRole('button', { name: /approve|block/i })).toHaveCount(0);
    await page.keyboard.press('Escape');
    await expect(drawer).toBeHidden();
  });

  await test.step('war room during an attack: counters and top values, no Block, Tighten or Export', async () => {
    const warRoom = await openWarRoom(page);
    for (const id of ['war-block', 'war-duration', 'war-tighten', 'war-export']) await expect(warRoom.getByTestId(id), id).toHaveCount(0);
    await expect(roleNote(warRoom, 'lists.block')).toContainText('Viewers can’t block');
  });

  await test.step('rules, thresholds and lists: read-only', async () => {
    await openRules(page);
    for (const id of RULE_CONTROLS) await expect(page.getByTestId(id), id).toHaveCount(0);
    // Testing a rule on past payments is for analysts and up.
    await expect(page.getByTestId('test-rule')).toHaveCount(0);
    await expect(roleNote(page, 'rules.edit')).toBeVisible();
    await expect(page.getByTestId('thresholds-standing')).toHaveText(/^Review from \d+, block from \d+\.$/);
    for (const id of ['thresholds-form', 'override-form', 'end-override']) await expect(page.getByTestId(id), id).toHaveCount(0);
    await expect(roleNote(page, 'thresholds.tighten')).toBeVisible();
    await expect(page.getByTestId('add-list-entry')).toHaveCount(0);
    await expect(page.getByTestId('remove-entry')).toHaveCount(0);
    await expect(roleNote(page, 'lists.block')).toBeVisible();
  });

  await test.step('API keys: no link, and the page says who manages them', async () => {
    await expect(navLink(page, 'Rules')).toBeVisible();
    await expect(navLink(page, 'API keys')).toHaveCount(0);
    await page.goto('/settings/api-keys');
    await expect(roleNote(page, 'api-keys.manage')).toContainText('for the admin role');
    await expect(page.getByTestId('create-api-key')).toHaveCount(0);
    await expect(page.getByTestId('api-key-row')).toHaveCount(0);
  });
});

test('an analyst reviews, blocks and tightens, but does not allow, remove, edit rules, change thresholds or manage keys', async () => {
  test.setTimeout(120_000);
  const page = pages.analyst;

  await test.step('review queue: Approve and Block', async () => {
    await page.goto('/review');
    await expect(reviewRow(page).getByTestId('review-approve')).toBeVisible();
    await expect(reviewRow(page).getByTestId('review-block')).toBeVisible();
    await expect(page.getByTestId('role-note')).toHaveCount(0);
  });

  await test.step('rules: read-only; thresholds: only lower, for a while; lists: block entries only, no Remove', async () => {
    await openRules(page);
    for (const id of RULE_CONTROLS) await expect(page.getByTestId(id), id).toHaveCount(0);
    // …but may test a variant of a rule on past payments (the editor without Save: e2e/rules/editor.spec.ts).
    await expect(page.getByTestId('test-rule').first()).toBeVisible();
    await expect(roleNote(page, 'rules.edit')).toContainText('Analysts can’t edit rules');
    await expect(page.getByTestId('thresholds-form')).toHaveCount(0);
    await expect(roleNote(page, 'thresholds.change')).toBeVisible();
    const override = page.getByTestId('override-form');
    await expect(page.getByTestId('override-tighten-only')).toBeVisible();
    await override.getByLabel('Review from').fill('70');
    await expect(override.getByTestId('apply-override')).toBeDisabled();
    await override.getByLabel('Review from').fill('30');
    await expect(override.getByTestId('apply-override')).toBeEnabled();

    const form = page.getByTestId('add-list-entry');
    await expect(form.locator('#list-action option')).toHaveText(['Block']);
    await expect(form.getByTestId('block-only')).toBeVisible();
    await expect(page.getByTestId('remove-entry')).toHaveCount(0);
    await form.getByLabel('Value').fill('192.0.2.77');
    await form.getByTestId('add-entry').click();
    await expect(page.getByText('IP 192.0.2.77 added to the block list')).toBeVisible();
  });

  await test.step('war room: Block, Tighten for 1 h and Export, and tightening works', async () => {
    const warRoom = await openWarRoom(page);
    await expect(warRoom.getByTestId('war-block').first()).toBeVisible();
    await expect(warRoom.getByTestId('war-duration')).toBeVisible();
    await expect(warRoom.getByTestId('war-export')).toBeVisible();
    await expect(warRoom.getByTestId('role-note')).toHaveCount(0);
    await warRoom.getByTestId('war-tighten').click();
    await expect(page.getByText('Stricter thresholds for 60 minutes')).toBeVisible();
  });

  await test.step('the override is in force; ending it early takes an admin', async () => {
    await openRules(page);
    await expect(page.getByTestId('override-active')).toBeVisible();
    await expect(page.getByTestId('end-override')).toHaveCount(0);
  });

  await test.step('API keys: no link, and the page says who manages them', async () => {
    await expect(navLink(page, 'API keys')).toHaveCount(0);
    await page.goto('/settings/api-keys');
    await expect(roleNote(page, 'api-keys.manage')).toContainText('Analysts can’t see or create API keys');
    await expect(page.getByTestId('create-api-key')).toHaveCount(0);
  });
});

test('admins and owners still see every control', async () => {
  test.setTimeout(150_000);
  // Temporary thresholds in force (as the analyst left them), for End now.
  await asOwner('/api/v1/settings/thresholds/override', { review: 30, block: 60, minutes: 60 });
  for (const who of ['admin', 'owner'] as const) {
    const page = pages[who];
    await test.step(`${who}: review queue`, async () => {
      await page.goto('/review');
      await expect(reviewRow(page).getByTestId('review-approve')).toBeVisible();
      await expect(reviewRow(page).getByTestId('review-block')).toBeVisible();
    });

    await test.step(`${who}: war room`, async () => {
      const warRoom = await openWarRoom(page);
      for (const id of ['war-duration', 'war-tighten', 'war-export']) await expect(warRoom.getByTestId(id), id).toBeVisible();
      await expect(warRoom.getByTestId('war-block').first()).toBeVisible();
    });

    await test.step(`${who}: rules, thresholds and lists`, async () => {
      await openRules(page);
      for (const id of RULE_CONTROLS) await expect(page.getByTestId(id).first(), id).toBeVisible();
      await expect(page.getByTestId('thresholds-form')).toBeVisible();
      // Ending the override early brings back looser thresholds: an admin may.
      await expect(page.getByTestId('end-override')).toBeVisible();
      await expect(page.getByTestId('add-list-entry').locator('#list-action option')).toHaveText(['Block', 'Allow']);
      await expect(page.getByTestId('block-only')).toHaveCount(0);
      await expect(page.getByTestId('remove-entry').first()).toBeVisible();
      await expect(page.getByTestId('role-note')).toHaveCount(0);
    });

    await test.step(`${who}: API keys`, async () => {
      // API keys are one of the settings' sections (the header has one Settings link).
      await navLink(page, 'Settings').click();
      await page.getByTestId('settings-section').getByRole('link', { name: 'API keys' }).click();
      await expect(page.getByTestId('create-api-key')).toBeVisible();
      await expect(page.getByTestId('api-key-row').first()).toBeVisible();
    });
  }
});
