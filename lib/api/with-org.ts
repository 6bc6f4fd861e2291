import { throwUnlessAllowed, type TOrgRole, type TPermission } from '@/lib/orgs/permissions';
import { clientIp } from '@/lib/net/client-ip';
import { handle, requestLogger, requireOrg, type TSessionUser } from './context';
import { throwUnlessSameOrigin } from './same-origin';
import { readInput, type TInputOptions, type TNextContext, type TRouteContext } from './input';
import { inOrgTransaction, type TTenantContext } from './transaction';

export type TOrgContext<TQuery = undefined, TParams = undefined, TBody = undefined> = TRouteContext<TQuery, TParams, TBody> &
  TTenantContext & {
    user: TSessionUser;
    role: TOrgRole;
    /** For a permission that depends on the input (a block or an allow entry): 403 naming the role needed. */
    authorize: (permission: TPermission) => void;
  };

/**
 * The wrapper for org-scoped JSON routes: session → same origin for writes → active org → membership
 * and the route's permission (lib/orgs/permissions.ts, default read) → params, query and body → one RLS transaction → after-commit
 * work → child logger → error mapping. Handlers never do any of it themselves.
 */
export function withOrg<TQuery = undefined, TParams = undefined, TBody = undefined>(
  handler: (ctx: TOrgContext<TQuery, TParams, TBody>) => Promise<Response>,
  options: TInputOptions<TQuery, TParams, TBody> & { permission?: TPermission } = {},
) {
  return async (req: Request, nextCtx?: TNextContext): Promise<Response> => {
    const { log } = requestLogger(req);
    return handle(log, async () => {
      const { user, orgId, role } = await requireOrg(req, options.permission);
      throwUnlessSameOrigin(req);
      const child = log.child({ userId: user.id, orgId });
      const input = await readInput(req, nextCtx, options);
      return inOrgTransaction({ orgId, log: child }, (db, afterCommit) =>
        handler({ ...input, req, ip: clientIp(req), user, orgId, role, log: child, db, afterCommit, authorize: (p) => throwUnlessAllowed(role, p) }),
      );
    });
  };
}
