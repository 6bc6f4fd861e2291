import type { Transaction } from '@/db/client';
import { withOrgTransaction } from '@/lib/db';
import type { Logger } from '@/lib/logger';

/** Work to do once the request's transaction has committed: nudges, webhooks, alerts. */
export type TAfterCommit = (fn: () => void | Promise<void>) => void;

/** What a tenant route's handler gets besides its caller: the org, its RLS transaction, after-commit work. */
export type TTenantContext = {
  orgId: string;
  /** The request's transaction, with app.org_id set: RLS scopes every query to orgId. */
  db: Transaction;
  /** Runs `fn` once the transaction has committed (nudges, webhooks, alerts). */
  afterCommit: TAfterCommit;
};

/**
 * The request's RLS transaction, then, only if it committed, the work the
 * handler queued with afterCommit, in order. Never inside the transaction: a
 * stream woken before the commit would read nothing new. A failure there is
 * logged, not returned: the change itself is done.
 */
export async function inOrgTransaction<T>(
  options: { orgId: string; log: Logger },
  fn: (db: Transaction, afterCommit: TAfterCommit) => Promise<T>,
): Promise<T> {
  const queued: (() => void | Promise<void>)[] = [];
  const result = await withOrgTransaction(options.orgId, (db) => fn(db, (work) => void queued.push(work)));
  for (const work of queued) {
    try {
      await work();
    } catch (err) {
      options.log.warn({ err }, 'after-commit work failed');
    }
  }
  return result;
}
