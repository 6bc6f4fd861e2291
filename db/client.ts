import postgres from 'postgres';
import { drizzle } from 'drizzle-orm/postgres-js';
import { env, requireAuthSecret, requireDatabaseUrl } from '@/lib/env';
import { deriveAppUrl } from './roles';
import * as schema from './schema';

export type Database = ReturnType<typeof createDatabase>['db'];
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];
/** Either the pool or an open transaction: what data functions accept. */
export type Executor = Database | Transaction;

export function createDatabase(url: string, options: { max?: number } = {}) {
  const sql = postgres(url, {
    max: options.max ?? 10,
    idle_timeout: 30,
    connect_timeout: 10,
    onnotice: () => {},
    connection: { application_name: 'orylo' },
  });
  const db = drizzle(sql, { schema });
  return { sql, db };
}

export function appDatabaseUrl(): string {
  return env().DATABASE_APP_URL ?? deriveAppUrl(requireDatabaseUrl(), requireAuthSecret());
}

// One pool per server process, shared across hot reloads in development.
const globalForDb = globalThis as unknown as { oryloAppDb?: ReturnType<typeof createDatabase> };

/** The runtime pool: connects as the non-owner app role, so RLS applies. */
export function appDb(): ReturnType<typeof createDatabase> {
  globalForDb.oryloAppDb ??= createDatabase(appDatabaseUrl(), { max: 20 });
  return globalForDb.oryloAppDb;
}
