import { startEmbeddedPostgres } from '@/db/embedded';
import { runMigrations } from '@/db/migrate';
import { deriveAppUrl } from '@/db/roles';
import { env } from '@/lib/env';
import { logger } from '@/lib/logger';

export type PreparedDatabase = { ownerUrl: string; embedded: boolean; stop: () => Promise<void> };

/**
 * DATABASE_URL when set, else an embedded PostgreSQL in `dataDir`; then the
 * committed migrations and the app role's password. Used by dev, start and test.
 */
export async function prepareDatabase(options: {
  dataDir: string;
  port: number;
  secret: string;
  fresh?: boolean;
}): Promise<PreparedDatabase> {
  const log = logger();
  const started = Date.now();
  let ownerUrl = process.env.DATABASE_URL;
  let stop = async () => {};
  if (!ownerUrl) {
    const pg = await startEmbeddedPostgres({
      dataDir: options.dataDir,
      port: options.port,
      fresh: options.fresh,
      log: (line) => log.debug(line),
    });
    ownerUrl = pg.ownerUrl;
    stop = pg.stop;
    log.info({ dataDir: pg.dataDir, binDir: pg.binDir, port: options.port }, 'embedded PostgreSQL is up');
  } else {
    log.info({ host: new URL(ownerUrl).host }, 'using DATABASE_URL');
  }
  await runMigrations(ownerUrl, options.secret);
  log.info({ ms: Date.now() - started }, 'database ready (migrations applied)');
  return { ownerUrl, embedded: !process.env.DATABASE_URL, stop };
}

/**
 * SECURITY: what the web server is told about the database: the runtime
 * role's URL only. The owner's URL (which can create roles, and on the
 * embedded database is a superuser) stays with the launcher that migrates.
 */
export function serverDatabaseEnv(ownerUrl: string, secret: string): { DATABASE_URL: string; DATABASE_APP_URL: string } {
  return { DATABASE_URL: '', DATABASE_APP_URL: env().DATABASE_APP_URL ?? deriveAppUrl(ownerUrl, secret) };
}
