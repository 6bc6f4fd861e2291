import { Logger, runMigrations as runQueueMigrations } from 'graphile-worker';
import type { createDatabase } from './client';
import { APP_ROLE } from './roles';

// The job queue: graphile-worker's own schema (`graphile_worker`), installed
// and upgraded by its migrations, run here as the owner at every start after
// ours. The runtime role only uses it: it enqueues with the SQL function
// graphile_worker.add_job inside a request's RLS transaction (so a rollback
// enqueues nothing) and runs the worker (lib/webhooks/worker.ts), which
// takes, completes and reschedules jobs. It may not change the schema.
// SECURITY: the queue's tables have no row-level security; jobs therefore
// carry ids only (organization, delivery), never a tenant's data, which stays
// in the RLS tables of migration 0012.

export const JOB_QUEUE_SCHEMA = 'graphile_worker';

const quiet = new Logger(() => () => {});

export async function installJobQueue(ownerUrl: string, sql: ReturnType<typeof createDatabase>['sql']): Promise<void> {
  await runQueueMigrations({ connectionString: ownerUrl, schema: JOB_QUEUE_SCHEMA, logger: quiet });
  // Granted at every start, so tables a newer graphile-worker adds are covered too.
  await sql.unsafe(`GRANT USAGE ON SCHEMA ${JOB_QUEUE_SCHEMA} TO ${APP_ROLE}`);
  await sql.unsafe(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${JOB_QUEUE_SCHEMA} TO ${APP_ROLE}`);
  // The worker checks the schema's version at start; only the owner migrates it.
  await sql.unsafe(`REVOKE INSERT, UPDATE, DELETE ON ${JOB_QUEUE_SCHEMA}.migrations FROM ${APP_ROLE}`);
  await sql.unsafe(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${JOB_QUEUE_SCHEMA} TO ${APP_ROLE}`);
  await sql.unsafe(`GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA ${JOB_QUEUE_SCHEMA} TO ${APP_ROLE}`);
  // graphile-worker enables row-level security on its private tables with no
  // policy (nobody but the owner, e.g. through PostGraphile). The runtime role
  // runs the worker, so it gets one policy per table: all rows (ids only, see above).
  const tables = await sql<{ name: string }[]>`
    select c.relname as name from pg_class c
    where c.relnamespace = ${JOB_QUEUE_SCHEMA}::regnamespace and c.relkind = 'r' and c.relrowsecurity
      and not exists (select 1 from pg_policy p where p.polrelid = c.oid and p.polname = 'orylo_app_worker')`;
  for (const { name } of tables) {
    await sql.unsafe(`CREATE POLICY orylo_app_worker ON ${JOB_QUEUE_SCHEMA}.${quoteIdent(name)} FOR ALL TO ${APP_ROLE} USING (true) WITH CHECK (true)`);
  }
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;
