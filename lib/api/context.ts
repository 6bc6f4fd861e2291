import { randomUUID } from 'node:crypto';
import { auth } from '@/lib/auth/server';
import { AppError, toAppError } from '@/lib/errors';
import { logger, type Logger } from '@/lib/logger';
import { findMembershipRole } from '@/lib/orgs/membership';
import { throwUnlessAllowed, type TPermission } from '@/lib/orgs/permissions';
import { errorResponse } from './errors';

export type TSessionUser = { id: string; email: string; name: string; role?: string | null };

export function requestLogger(req: Request, bindings: Record<string, unknown> = {}): { log: Logger; requestId: string } {
  const requestId = req.headers.get('x-request-id') ?? randomUUID();
  const url = new URL(req.url);
  return { requestId, log: logger().child({ requestId, method: req.method, path: url.pathname, ...bindings }) };
}

/** Resolves the Better Auth session or throws 401. */
export async function requireSession(req: Request) {
  const session = await auth().api.getSession({ headers: req.headers });
  if (!session) throw new AppError('unauthorized', 'Sign in first: this endpoint needs a session cookie.');
  return session;
}

/** A platform admin's session (ADMIN_EMAILS), or 401/403. */
export async function requireAdmin(req: Request, forbidden = 'Only platform admins (ADMIN_EMAILS) can read metrics.') {
  const session = await requireSession(req);
  // SECURITY: the role comes only with a verified address (lib/auth/platform-admin.ts); checked again here.
  const u = session.user as TSessionUser & { emailVerified?: boolean };
  if (u.role !== 'admin' || u.emailVerified !== true) throw new AppError('forbidden', forbidden);
  return session;
}

/** The session's active organization, checked against membership and the permission (default: read), or 401/403. */
export async function requireOrg(req: Request, permission: TPermission = 'read') {
  const session = await requireSession(req);
  const orgId = session.session.activeOrganizationId;
  if (!orgId) throw new AppError('forbidden', 'No active organization: create one or select one first.');
  const role = await findMembershipRole({ userId: session.user.id, orgId });
  if (!role) throw new AppError('forbidden', 'You are not a member of the active organization.');
  throwUnlessAllowed(role, permission);
  return { session, user: session.user as TSessionUser, orgId, role };
}

/** Anything thrown by a route, as its HTTP answer, logged once: the one error path of every route and stream. */
export function failureResponse(log: Logger, error: unknown, ms?: number): Response {
  const appError = toAppError(error);
  if (appError.status >= 500) log.error({ err: error, status: appError.status, ms }, 'request failed');
  else log.info({ status: appError.status, code: appError.code, ms }, 'request rejected');
  return errorResponse(appError);
}

/** Runs a handler, maps every failure through AppError and logs the outcome once. */
export async function handle(log: Logger, fn: () => Promise<Response>): Promise<Response> {
  const started = performance.now();
  try {
    const res = await fn();
    log.info({ status: res.status, ms: Math.round(performance.now() - started) }, 'request');
    return res;
  } catch (error) {
    return failureResponse(log, error, Math.round(performance.now() - started));
  }
}
