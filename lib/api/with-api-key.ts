import { sql } from 'drizzle-orm';
import { resolveApiKeyOrThrow, shouldTouchKey } from '@/lib/api-keys/resolve';
import { clientIp } from '@/lib/net/client-ip';
import { handle, requestLogger } from './context';
import { readInput, type TInputOptions, type TNextContext, type TRouteContext } from './input';
import { inOrgTransaction, type TTenantContext } from './transaction';

export type TApiKeyContext<TQuery = undefined, TParams = undefined, TBody = undefined> = TRouteContext<TQuery, TParams, TBody> &
  TTenantContext & { keyId: string };

/**
 * The wrapper for machine routes authenticated by an API key (the merchant's
 * backend): key → its org → params, query and body (parsed before the
 * transaction, so a slow upload holds no connection) → one RLS transaction
 * (which also records the key's last use) → after-commit work → error mapping.
 */
export function withApiKey<TQuery = undefined, TParams = undefined, TBody = undefined>(
  handler: (ctx: TApiKeyContext<TQuery, TParams, TBody>) => Promise<Response>,
  options: TInputOptions<TQuery, TParams, TBody> = {},
) {
  return async (req: Request, nextCtx?: TNextContext): Promise<Response> => {
    const { log } = requestLogger(req);
    return handle(log, async () => {
      const { keyId, orgId } = await resolveApiKeyOrThrow(req.headers.get('authorization'));
      const child = log.child({ orgId, keyId });
      const input = await readInput(req, nextCtx, options);
      return inOrgTransaction({ orgId, log: child }, async (db, afterCommit) => {
        if (shouldTouchKey(keyId)) await db.execute(sql`update api_keys set last_used_at = now() where id = ${keyId}`);
        return handler({ ...input, req, ip: clientIp(req), orgId, keyId, log: child, db, afterCommit });
      });
    });
  };
}
