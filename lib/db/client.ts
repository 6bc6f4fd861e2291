import { createDatabase, type Database } from '@/db/client';
import { deriveAppUrl } from '@/db/roles';
import { env, requireAuthSecret, requireDatabaseUrl } from '@/lib/env';
import { processState } from '@/lib/process-state';

/** The runtime role's URL: DATABASE_APP_URL, or derived from the owner URL and the secret. */
export function appDatabaseUrl(): string {
  return env().DATABASE_APP_URL ?? deriveAppUrl(requireDatabaseUrl(), requireAuthSecret());
}

/** The runtime pool, one per process: connects as the non-owner app role, so RLS applies. */
export function appDb(): { sql: ReturnType<typeof createDatabase>['sql']; db: Database } {
  return processState('db.app-pool', () => createDatabase(appDatabaseUrl(), { max: 20 }));
}
