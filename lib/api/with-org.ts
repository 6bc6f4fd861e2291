import { withOrgTransaction } from '@/lib/db';
import type { Transaction } from '@/db/client';
import type { Logger } from '@/lib/logger';
import type { TOrgRole } from '@/lib/orgs/membership';
import { handle, requestLogger, requireOrg, routeParams, type TNextContext, type TSessionUser } from './context';

export type TOrgContext = {
  req: Request;
  params: Record<string, string>;
  user: TSessionUser;
  orgId: string;
  role: TOrgRole;
  log: Logger;
  /** The request's transaction, with app.org_id set: RLS scopes every query to orgId. */
  db: Transaction;
};

/**
 * The wrapper for org-scoped JSON routes (STYLE §1): session → active org →
 * membership and roles → one RLS transaction → child logger → error mapping.
 */
export function withOrg(
  handler: (ctx: TOrgContext) => Promise<Response>,
  options: { roles?: readonly TOrgRole[] } = {},
) {
  return async (req: Request, nextCtx?: TNextContext): Promise<Response> => {
    const { log } = requestLogger(req);
    return handle(log, async () => {
      const { user, orgId, role } = await requireOrg(req, options.roles);
      const params = await routeParams(nextCtx);
      const child = log.child({ userId: user.id, orgId });
      return withOrgTransaction(orgId, (db) => handler({ req, params, user, orgId, role, log: child, db }));
    });
  };
}
