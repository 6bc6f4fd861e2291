import { sql } from 'drizzle-orm';
import type { Transaction } from '@/db/client';
import { appDb } from './client';

/**
 * Runs `fn` in a transaction scoped to one organization.
 * SECURITY: app.org_id is a bound parameter and transaction-local (is_local =
 * true), so it can neither be injected nor leak to the next user of the
 * pooled connection. Every tenant policy compares against it.
 */
export async function withOrgTransaction<T>(orgId: string, fn: (tx: Transaction) => Promise<T>): Promise<T> {
  return appDb().db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('app.org_id', ${orgId}, true)`);
    return fn(tx);
  });
}
