import { randomUUID } from 'node:crypto';
import postgres from 'postgres';
import { deriveAppUrl } from '@/db/roles';
import { OryloSession } from '@/scripts/lib/http-client';

// Integration tests run against the server and database that scripts/test.ts
// started; these are their coordinates.
export const BASE_URL = process.env.ORYLO_BASE_URL ?? 'http://127.0.0.1:3199';
export const ADMIN_EMAIL = process.env.ORYLO_ADMIN_EMAIL ?? 'admin@orylo.test';
export const OWNER_URL = process.env.DATABASE_URL!;
const SECRET = process.env.BETTER_AUTH_SECRET!;

if (!OWNER_URL || !SECRET) throw new Error('Run the integration tests through `npm test` (it starts the database and the server).');

/** The migrating role: sees everything (a superuser on the embedded database). For assertions only. */
export const ownerSql = () => postgres(OWNER_URL, { max: 4, onnotice: () => {} });
/** The app's runtime role: RLS applies. */
export const appSql = (max = 4) => postgres(deriveAppUrl(OWNER_URL, SECRET), { max, onnotice: () => {} });
/** The runtime role's URL, for a test that calls lib code with the app's own connection. */
export const appUrl = () => deriveAppUrl(OWNER_URL, SECRET);

export const uniq = (label: string) => `${label}-${randomUUID().slice(0, 8)}`;

export type Merchant = { session: OryloSession; email: string; orgId: string; apiKey: string; apiKeyId: string };

/** A user with an organization and an API key, made through the public API. */
export async function newMerchant(label = 'm', options: { email?: string } = {}): Promise<Merchant> {
  const session = new OryloSession(BASE_URL);
  const email = options.email ?? `${uniq(label)}@example.com`;
  await session.signUp({ email, password: 'correct-horse-battery', name: label });
  const org = await session.createOrganization(`Org ${label}`, uniq(label).toLowerCase());
  const key = await session.createApiKey(`key ${label}`);
  return { session, email, orgId: org.id, apiKey: key.key, apiKeyId: key.id };
}

/**
 * Makes an existing user a platform admin as `npm run admin -- grant` does
 * (role admin, address verified). Signing up with an ADMIN_EMAILS address no
 * longer does it: the address must be verified first (tests/auth covers that).
 */
export async function grantPlatformAdmin(email: string): Promise<void> {
  const sql = ownerSql();
  try {
    await sql`update "user" set role = 'admin', email_verified = true where email = ${email}`;
  } finally {
    await sql.end();
  }
}

/** The platform admin signed in on `baseUrl`: signed up (and granted) the first time any test asks. */
export async function adminSession(baseUrl = BASE_URL): Promise<OryloSession> {
  const admin = new OryloSession(baseUrl);
  const credentials = { email: ADMIN_EMAIL, password: 'correct-horse-battery' };
  await admin.signIn(credentials).catch(() => admin.signUp({ ...credentials, name: 'Admin' }));
  await grantPlatformAdmin(ADMIN_EMAIL);
  return admin;
}

/** Card testing: one IP, a new card each time, mostly declined, tiny amounts. */
export const cardTestingAttempt = (i: number) => ({
  externalId: uniq('ct'),
  amount: 100,
  ip: '203.0.113.66',
  email: `bot${i}@example.net`,
  card: { fingerprint: uniq('fp-ct'), bin: '411111', last4: String(1000 + i), country: 'US' },
  authStatus: i % 5 === 0 ? 'authorized' : 'declined',
  ...(i % 5 === 0 ? {} : { declineCode: 'card_declined' }),
});

export function transaction(overrides: Record<string, unknown> = {}) {
  return {
    externalId: uniq('pi'),
    amount: 4999,
    currency: 'EUR',
    email: 'jane@example.com',
    ip: '198.51.100.7',
    card: { fingerprint: uniq('fp'), bin: '424242', last4: '4242', country: 'FR' },
    authStatus: 'authorized',
    ...overrides,
  };
}

/** Ingests one transaction for a merchant through the public API and returns the detection. */
export async function postTx(m: Merchant, overrides: Record<string, unknown>) {
  const res = await fetch(`${BASE_URL}/api/v1/transactions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${m.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(transaction(overrides)),
  });
  const body = await res.json();
  if (res.status !== 201 && res.status !== 200) throw new Error(`ingest failed: ${res.status} ${JSON.stringify(body)}`);
  return body.detection;
}
