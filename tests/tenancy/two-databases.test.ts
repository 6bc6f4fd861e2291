import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMigrations } from '@/db/migrate';
import { appLoginRole, deriveAppUrl } from '@/db/roles';
import { appSql, newMerchant, OWNER_URL, ownerSql, postTx, uniq } from '../helpers/env';

// Two Orylo databases on one PostgreSQL server (staging and production, say),
// each with its own secret: migrating one must not break the other's
// connections, and neither's runtime role may enter the other's database.

const owner = ownerSql();
const second = uniq('orylo_second').replace(/-/g, '_');
const secondOwnerUrl = Object.assign(new URL(OWNER_URL), { pathname: `/${second}` }).toString();
const secondSecret = 'a-different-secret-for-the-staging-instance-0123456789';

beforeAll(async () => {
  await owner.unsafe(`CREATE DATABASE "${second}"`);
  await runMigrations(secondOwnerUrl, secondSecret);
}, 60_000);
afterAll(async () => {
  await owner`select pg_terminate_backend(pid) from pg_stat_activity where datname = ${second}`;
  await owner.unsafe(`DROP DATABASE IF EXISTS "${second}"`);
  await owner.unsafe(`DROP ROLE IF EXISTS "${appLoginRole(second)}"`);
  await owner.end();
});

/** Whether a fresh connection with these credentials can run a query, and the error if not. */
async function connects(url: string): Promise<true | string> {
  const sql = postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 5 });
  try {
    await sql`select 1`;
    return true;
  } catch (error) {
    return (error as Error).message;
  } finally {
    await sql.end({ timeout: 1 });
  }
}

describe('two Orylo databases on one server', () => {
  it('migrating the second leaves the first one working, with new connections too', async () => {
    const fresh = appSql(1);
    try {
      expect((await fresh`select current_user as name`)[0].name).not.toBe(appLoginRole(second));
    } finally {
      await fresh.end();
    }
    // The running server opens new connections as it goes: an ingest works after the other database's start.
    const m = await newMerchant('two-dbs');
    expect((await postTx(m, {})).id).toEqual(expect.any(String));
    expect(await connects(deriveAppUrl(secondOwnerUrl, secondSecret))).toBe(true);
  });

  it("each runtime role may connect to its own database only", async () => {
    const firstRoleToSecond = Object.assign(new URL(deriveAppUrl(OWNER_URL, process.env.BETTER_AUTH_SECRET!)), { pathname: `/${second}` }).toString();
    expect(await connects(firstRoleToSecond)).toMatch(/permission denied for database/);
    const secondRoleToFirst = Object.assign(new URL(deriveAppUrl(secondOwnerUrl, secondSecret)), { pathname: new URL(OWNER_URL).pathname }).toString();
    expect(await connects(secondRoleToFirst)).toMatch(/permission denied for database/);
  });

  it('the shared group role cannot log in', async () => {
    const [group] = await owner`select rolcanlogin from pg_roles where rolname = 'orylo_app'`;
    expect(group.rolcanlogin).toBe(false);
  });
});
