import { expect, request as playwrightRequest, type APIRequestContext, type Browser, type Locator, type Page } from '@playwright/test';
import postgres from 'postgres';

// Shared steps of the Playwright specs: a person signing up, an API key made
// in the UI, a transaction posted like a merchant's backend would.

export const PASSWORD = 'orylo-e2e-password-42';
// Unique per test run (and per --repeat-each), so users, orgs and ids never collide.
// Base 36, not Date.now() digits: the ingest API refuses any 13–19 digit run
// that passes the Luhn check as a possible card number.
export const newRunId = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}`;

/**
 * A new person signs up and creates an organization, in whatever language the
 * browser context speaks (the fields are found by name, the buttons by type).
 */
export async function signUpAndCreateOrg(page: Page, who: string, run: string): Promise<void> {
  await page.goto('/sign-up');
  await page.locator('input[name="name"]').fill(`User ${who}`);
  await page.locator('input[name="email"]').fill(`${who}-${run}@example.com`);
  await page.locator('input[name="password"]').fill(PASSWORD);
  await page.locator('form button[type="submit"]').click();
  await page.waitForURL('**/onboarding');

  await page.locator('input[name="name"]').fill(`Org ${who} ${run}`);
  await page.getByTestId('create-org').click();
  await page.waitForURL('**/dashboard');
  await expect(page.getByTestId('detections-empty')).toBeVisible();
  await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'live');
  if ((await page.locator('html').getAttribute('lang')) === 'en') await expect(page.getByTestId('connection-state')).toHaveText('Live');
}

/**
 * Another person joins the owner's active organization with `role` through
 * Better Auth's invitation flow (sign-up, invitation, acceptance), then opens
 * the dashboard in a browser context of their own.
 */
export async function joinOrgAs(browser: Browser, owner: Page, role: 'viewer' | 'member' | 'analyst' | 'admin', run: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  // Better Auth refuses cookie-bearing POSTs without an Origin.
  const headers = { Origin: new URL(owner.url()).origin };
  const email = `${role}-${run}@example.com`;
  const post = async (who: Page, path: string, data: Record<string, unknown>) => {
    const res = await who.request.post(path, { headers, data });
    expect(res.status(), `${path}: ${await res.text()}`).toBe(200);
    return res.json();
  };
  await post(page, '/api/auth/sign-up/email', { name: `User ${role}`, email, password: PASSWORD });
  const { orgId } = await sessionOf(owner);
  const invitation = await post(owner, '/api/auth/organization/invite-member', { email, role, organizationId: orgId });
  await post(page, '/api/auth/organization/accept-invitation', { invitationId: invitation.id });
  await post(page, '/api/auth/organization/set-active', { organizationId: orgId });
  await page.goto('/dashboard');
  await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'live');
  return page;
}

/** Creates a key on the API keys page of a new tab and reads the secret shown once. */
export async function createApiKey(page: Page): Promise<string> {
  const tab = await page.context().newPage();
  await tab.goto('/settings/api-keys');
  await tab.getByLabel('Key name').fill('e2e checkout');
  await tab.getByTestId('create-api-key').click();
  const secret = tab.getByTestId('api-key-secret');
  await expect(secret).toHaveText(/^orylo_sk_\S+$/);
  const key = (await secret.textContent())!.trim();
  await expect(tab.getByTestId('api-key-row')).toHaveCount(1);
  await tab.close();
  return key;
}

export async function postTransaction(request: APIRequestContext, key: string, externalId: string) {
  const res = await request.post('/api/v1/transactions', {
    headers: { Authorization: `Bearer ${key}` },
    data: {
      externalId,
      amount: 4999,
      currency: 'EUR',
      email: 'jane@example.com',
      ip: '203.0.113.7',
      card: { fingerprint: `fp_${externalId}`, bin: '424242', last4: '4242' },
      authStatus: 'authorized',
    },
  });
  expect(res.status(), await res.text()).toBe(201);
}

export const row = (page: Page, externalId: string): Locator =>
  page.locator(`[data-testid="detection-row"][data-external-id="${externalId}"]`);

/**
 * Asserts the locator stays absent for the whole window, checking the live
 * page repeatedly. Each check counts once (a retrying toHaveCount(0) would
 * wait for something that did appear to go away again, and pass).
 */
export async function expectAbsentFor(page: Page, locator: Locator, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    expect(await locator.count(), `${locator} appeared`).toBe(0);
    await page.waitForTimeout(250);
  }
  expect(await locator.count(), `${locator} appeared`).toBe(0);
}


const ADMIN_EMAIL = process.env.ORYLO_ADMIN_EMAIL ?? 'admin@orylo.test';
// The password tests/realtime/stream.test.ts and e2e/admin use: the account may exist already.
const ADMIN_PASSWORD = 'correct-horse-battery';

/** An API client signed in as the platform admin (signed up first if needed). */
export async function adminApi(baseURL: string): Promise<APIRequestContext> {
  // Better Auth refuses cookie-bearing POSTs without an Origin.
  const api = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { Origin: baseURL } });
  const signUp = await api.post('/api/auth/sign-up/email', { data: { name: 'Platform Admin', email: ADMIN_EMAIL, password: ADMIN_PASSWORD } });
  if (!signUp.ok()) {
    const signIn = await api.post('/api/auth/sign-in/email', { data: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD } });
    expect(signIn.status(), await signIn.text()).toBe(200);
  }
  await grantPlatformAdmin(ADMIN_EMAIL);
  return api;
}

/**
 * What `npm run admin -- grant <email>` does (role admin, address verified):
 * an ADMIN_EMAILS sign-up alone is not an admin until its address is verified.
 */
export async function grantPlatformAdmin(email = ADMIN_EMAIL): Promise<void> {
  const sql = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
  try {
    await sql`update "user" set role = 'admin', email_verified = true where email = ${email}`;
  } finally {
    await sql.end();
  }
}

/** Open streams of one user on the server, from the admin metrics (sse.topUsers). */
export async function streamsOfUser(admin: APIRequestContext, userId: string): Promise<number> {
  const res = await admin.get('/api/admin/metrics');
  expect(res.status(), await res.text()).toBe(200);
  const body = (await res.json()) as { sse: { topUsers: { userId: string; streams: number }[] } };
  return body.sse.topUsers.find((u) => u.userId === userId)?.streams ?? 0;
}

/** The signed-in user and active organization of a page's browser context. */
export async function sessionOf(page: Page): Promise<{ userId: string; orgId: string }> {
  const res = await page.request.get('/api/auth/get-session');
  const body = (await res.json()) as { user: { id: string }; session: { activeOrganizationId: string } };
  return { userId: body.user.id, orgId: body.session.activeOrganizationId };
}

export const connectionState = (page: Page) => page.getByTestId('connection-state');

type TAttempt = { externalId: string; ip: string; card: string; declined?: boolean; amount?: number; email?: string };

/** One ingest like a checkout's, with its own IP, card and decline status; returns the detection. */
export async function postAttempt(request: APIRequestContext, key: string, a: TAttempt) {
  const res = await request.post('/api/v1/transactions', {
    headers: { Authorization: `Bearer ${key}` },
    data: {
      externalId: a.externalId,
      amount: a.amount ?? 100,
      currency: 'EUR',
      ip: a.ip,
      email: a.email ?? `${a.card}@mailinator.test`,
      card: { fingerprint: `fp_${a.card}`, bin: '411111', last4: '1111' },
      authStatus: a.declined ? 'declined' : 'authorized',
      ...(a.declined ? { declineCode: 'card_declined' } : {}),
    },
  });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()).detection as { id: string; decision: string };
}

/** A card-testing script: 14 cards from one IP, mostly declined, enough to open an incident (the war room). */
export async function cardTestingBurst(request: APIRequestContext, key: string, run: string, ip = '203.0.113.66'): Promise<void> {
  for (let i = 0; i < 14; i++) {
    await postAttempt(request, key, { externalId: `ct_${i}_${run}`, ip, card: `c${i}${run}`, declined: i % 4 !== 0, amount: 50 + i });
  }
}

type TBox = { x: number; y: number; width: number; height: number };

/** True when two boxes share any area (touching edges do not count). */
export const boxesOverlap = (a: TBox, b: TBox): boolean =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Fails when any visible toast covers any of the `targets` (each must be on screen). */
export async function expectToastsClear(page: Page, targets: Record<string, Locator>): Promise<void> {
  const toasts = await page.locator('[data-sonner-toast]').all();
  expect(toasts.length, 'a toast is on screen').toBeGreaterThan(0);
  for (const [name, target] of Object.entries(targets)) {
    const box = await target.boundingBox({ timeout: 5_000 });
    expect(box, `${name} is on screen`).not.toBeNull();
    for (const toast of toasts) {
      // A toast may time out and leave between the listing and the measuring.
      const toastBox = await toast.boundingBox({ timeout: 1_000 }).catch(() => null);
      if (!toastBox) continue;
      expect(boxesOverlap(toastBox, box!), `a toast covers ${name} (${JSON.stringify(toastBox)} over ${JSON.stringify(box)})`).toBe(false);
    }
  }
}

/**
 * The first link to `path` in the newest e-mail sent to `to`, read from the
 * SMTP sink the test server sends its mail to (scripts/test.ts, ORYLO_MAIL_LOG):
 * the link a person would click in their mailbox.
 */
export async function linkFromMailbox(to: string, path: RegExp): Promise<string> {
  const file = process.env.ORYLO_MAIL_LOG;
  if (!file) throw new Error('ORYLO_MAIL_LOG is not set: run the specs through npm test');
  const fs = await import('node:fs');
  let link: string | undefined;
  await expect
    .poll(
      () => {
        const lines = fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim().split('\n').filter(Boolean) : [];
        const mails = lines.map((l) => JSON.parse(l) as { to: string[]; text: string }).filter((m) => m.to.includes(to));
        const urls = (mails.at(-1)?.text ?? '').match(/https?:\/\/\S+/g) ?? [];
        link = urls.find((u) => path.test(new URL(u).pathname));
        return link ?? null;
      },
      { message: `an e-mail to ${to} with a link to ${path}`, timeout: 15_000 },
    )
    .not.toBeNull();
  return link!;
}
