import path from 'node:path';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import { createDatabase } from './client';
import { installJobQueue } from './job-queue';
import { APP_ROLE, appLoginRole, appRolePassword, databaseOf } from './roles';

export const MIGRATIONS_FOLDER = path.join(process.cwd(), 'db', 'migrations');

/**
 * Applies the committed SQL migrations as the owner (DATABASE_URL) and the
 * job queue's (db/job-queue.ts), then
 * makes this database's login role (db/roles.ts) and sets its password. Safe
 * to run at every start and concurrently (drizzle's migrator runs in one
 * transaction; we serialise with an advisory lock).
 */
export async function runMigrations(ownerUrl: string, secret: string): Promise<void> {
  const { sql, db } = createDatabase(ownerUrl, { max: 1 });
  try {
    await sql`select pg_advisory_lock(727274)`;
    await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
    await installJobQueue(ownerUrl, sql);
    await ensureLoginRole(sql, databaseOf(ownerUrl), secret);
    await sql`select pg_advisory_unlock(727274)`;
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/**
 * SECURITY: the group role holds the grants and cannot log in; this
 * database's login role inherits them and is the only non-owner role that
 * may connect to it. Identifiers are quoted with format('%I'); the password
 * is a hex digest, so it cannot break out of its literal (ALTER ROLE takes no
 * bound parameters).
 */
async function ensureLoginRole(sql: ReturnType<typeof createDatabase>['sql'], database: string, secret: string): Promise<void> {
  const login = appLoginRole(database);
  const [group] = await sql<{ rolcanlogin: boolean }[]>`select rolcanlogin from pg_roles where rolname = ${APP_ROLE}`;
  // Before this scheme the group role logged in itself (one password for every database on the server).
  if (group?.rolcanlogin) await sql.unsafe(`ALTER ROLE ${APP_ROLE} NOLOGIN`);
  const [existing] = await sql`select 1 from pg_roles where rolname = ${login}`;
  if (!existing) await sql.unsafe(`CREATE ROLE ${quoteIdent(login)} NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS`);
  await sql.unsafe(`GRANT ${APP_ROLE} TO ${quoteIdent(login)}`);
  await sql.unsafe(`ALTER ROLE ${quoteIdent(login)} WITH LOGIN PASSWORD '${appRolePassword(secret, database)}'`);
  await sql.unsafe(`REVOKE CONNECT ON DATABASE ${quoteIdent(database)} FROM PUBLIC`);
  await sql.unsafe(`GRANT CONNECT ON DATABASE ${quoteIdent(database)} TO ${quoteIdent(login)}`);
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;
