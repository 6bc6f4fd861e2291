import { expect, request as playwrightRequest, type APIRequestContext, type Browser, type Locator, type Page } from '@playwright/test';
import postgres from 'postgres';

// Shared steps of the Playwright specs: a person signing up, an API key made
// in the UI, a transaction posted like a merchant's backend would.

const PASSWORD = 'orylo-e2e-password-42';
// Unique per test run (and per --repeat-each), so users, orgs and ids never collide.
// Base 36, not Date.now() digits: the ingest API refuses any 13–19 digit run
// that passes the Luhn check as a possible card number.
export const newRunId = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}`;

export async function signUpAndCreateOrg(page: Page, who: string, run: string): Promise<void> {
  await page.goto('/sign-up');
  await page.getByLabel('Name', { exact: true }).fill(`User ${who}`);
  await page.getByLabel('Work email').fill(`${who}-${run}@example.com`);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL('**/onboarding');

  await page.getByLabel('Organization name').fill(`Org ${who} ${run}`);
  await page.getByRole('button', { name: 'Create organization' }).click();
  await page.waitForURL('**/dashboard');
  await expect(page.getByTestId('detections-empty')).toBeVisible();
  await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'live');
  await expect(page.getByTestId('connection-state')).toHaveText('Live');
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

/** Asserts the locator stays absent for the whole window, checking the live page repeatedly. */
export async function expectAbsentFor(page: Page, locator: Locator, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    await expect(locator).toHaveCount(0);
    await page.waitForTimeout(250);
  }
  await expect(locator).toHaveCount(0);
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
