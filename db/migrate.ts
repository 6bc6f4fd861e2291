import path from 'node:path';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import { createDatabase } from './client';
import { APP_ROLE, appRolePassword } from './roles';

export const MIGRATIONS_FOLDER = path.join(process.cwd(), 'db', 'migrations');

/**
 * Applies the committed SQL migrations as the owner (DATABASE_URL) and sets
 * the runtime role's password. Safe to run at every start and concurrently
 * (drizzle's migrator runs in one transaction; we serialise with an advisory lock).
 */
export async function runMigrations(ownerUrl: string, secret: string): Promise<void> {
  const { sql, db } = createDatabase(ownerUrl, { max: 1 });
  try {
    await sql`select pg_advisory_lock(727274)`;
    await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
    // Not a bound parameter: ALTER ROLE takes no parameters. The password is a
    // hex digest, so it cannot break out of the literal.
    await sql.unsafe(`ALTER ROLE ${APP_ROLE} WITH LOGIN PASSWORD '${appRolePassword(secret)}'`);
    await sql`select pg_advisory_unlock(727274)`;
  } finally {
    await sql.end({ timeout: 5 });
  }
}
