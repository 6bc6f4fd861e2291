import { sql } from 'drizzle-orm';
import type { Transaction } from '@/db/client';
import { withOrgTransaction } from '@/lib/db';
import { resolveApiKeyOrThrow, shouldTouchKey } from '@/lib/api-keys/resolve';
import type { Logger } from '@/lib/logger';
import { handle, requestLogger } from './context';

export type TApiKeyContext = { req: Request; orgId: string; keyId: string; log: Logger };

/**
 * The wrapper for machine routes authenticated by an API key. Unlike withOrg
 * it does not open the transaction for the handler: ingest must commit before
 * it nudges the stream, so the handler calls `inOrg` and acts after it returns.
 */
export function withApiKey(handler: (ctx: TApiKeyContext & { inOrg: <T>(fn: (db: Transaction) => Promise<T>) => Promise<T> }) => Promise<Response>) {
  return async (req: Request): Promise<Response> => {
    const { log } = requestLogger(req);
    return handle(log, async () => {
      const { keyId, orgId } = await resolveApiKeyOrThrow(req.headers.get('authorization'));
      const child = log.child({ orgId, keyId });
      const inOrg = <T>(fn: (db: Transaction) => Promise<T>) =>
        withOrgTransaction(orgId, async (db) => {
          if (shouldTouchKey(keyId)) await db.execute(sql`update api_keys set last_used_at = now() where id = ${keyId}`);
          return fn(db);
        });
      return handler({ req, orgId, keyId, log: child, inOrg });
    });
  };
}
