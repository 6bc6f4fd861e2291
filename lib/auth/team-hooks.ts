import { APIError, createAuthMiddleware, getSessionFromCtx, isAPIError } from 'better-auth/api';
import { recordAudit } from '@/lib/audit';
import { appDb, withOrgTransaction } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { logger } from '@/lib/logger';
import { CLIENT_IP_HEADER } from '@/lib/net/client-ip';
import { processState } from '@/lib/process-state';
import {
  countOwners,
  findInvitationForRevoke,
  findMember,
  findMemberByEmail,
  parseAssignableRole,
  throwUnlessMayChangeRole,
  throwUnlessMayInvite,
  throwUnlessMayLeave,
  throwUnlessMayRemove,
  throwUnlessMayRevoke,
} from '@/lib/team';

// Orylo's team rules and audit trail around Better Auth's organization
// endpoints. `before` refuses what lib/team/rules.ts forbids, with a 403 in
// the contract's shape, before Better Auth writes anything (its own access
// control, lib/auth/roles.ts, stays behind it). It also notes what the audit
// entry will say; `after` appends that entry once the endpoint succeeded.
// Better Auth writes through its own adapter calls, so the entry is a second
// transaction right after the change, not the same one (README, "Team").

type TPendingAudit = {
  orgId: string;
  actor: { id: string; email: string };
  ip: string | null;
  action: string;
  target: { type: string; id?: string | null };
  before?: unknown;
  after?: unknown;
};

const WATCHED = [
  '/organization/invite-member',
  '/organization/update-member-role',
  '/organization/remove-member',
  '/organization/cancel-invitation',
  '/organization/accept-invitation',
  '/organization/reject-invitation',
  '/organization/leave',
] as const;

/** Entries waiting for their endpoint's outcome, keyed by the request (one per process: see lib/process-state.ts). */
const pending = () => processState('team.pendingAudits', () => new WeakMap<object, TPendingAudit>());

const text = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

/** An AppError from the rules as Better Auth's APIError, carrying the contract's `{ error: { code, message } }` too. */
function toApiError(error: unknown): unknown {
  if (!(error instanceof AppError)) return error;
  const body = { code: error.code, message: error.message, error: { code: error.code, message: error.message, ...(error.field ? { field: error.field } : {}) } };
  return new APIError(error.status === 403 ? 'FORBIDDEN' : 'BAD_REQUEST', body);
}

export const teamBeforeHook = createAuthMiddleware(async (ctx) => {
  const path = ctx.path as (typeof WATCHED)[number];
  if (!WATCHED.includes(path)) return;
  const session = await getSessionFromCtx(ctx);
  // No session, no membership, no such member: Better Auth gives its own answer.
  if (!session) return;
  const body = (ctx.body ?? {}) as Record<string, unknown>;
  const db = appDb().db;
  const actorUser = { id: session.user.id, email: session.user.email };
  const ip = ctx.request?.headers.get(CLIENT_IP_HEADER) ?? null;
  const note = (entry: Omit<TPendingAudit, 'actor' | 'ip'>) => {
    if (ctx.request) pending().set(ctx.request, { ...entry, actor: actorUser, ip });
  };
  try {
    switch (path) {
      case '/organization/invite-member': {
        const orgId = text(body.organizationId) ?? session.session.activeOrganizationId;
        const actor = orgId ? await findMember({ db, orgId, userId: session.user.id }) : null;
        if (!orgId || !actor) return;
        const role = parseAssignableRole(body.role);
        throwUnlessMayInvite({ actor, role });
        const email = text(body.email)?.toLowerCase();
        note({ orgId, action: body.resend ? 'team.invite_resend' : 'team.invite', target: { type: 'invitation' }, after: { email, role } });
        return;
      }
      case '/organization/update-member-role': {
        const orgId = text(body.organizationId) ?? session.session.activeOrganizationId;
        const memberId = text(body.memberId);
        const actor = orgId ? await findMember({ db, orgId, userId: session.user.id }) : null;
        if (!orgId || !actor || !memberId) return;
        const role = parseAssignableRole(body.role);
        const target = await findMember({ db, orgId, memberId });
        if (!target) return;
        throwUnlessMayChangeRole({ actor, target, role, ownerCount: await countOwners({ db, orgId }) });
        note({ orgId, action: 'team.role_change', target: { type: 'member', id: target.id }, before: { userId: target.userId, role: target.role }, after: { userId: target.userId, role } });
        return;
      }
      case '/organization/remove-member': {
        const orgId = text(body.organizationId) ?? session.session.activeOrganizationId;
        const key = text(body.memberIdOrEmail);
        const actor = orgId ? await findMember({ db, orgId, userId: session.user.id }) : null;
        if (!orgId || !actor || !key) return;
        const target = key.includes('@') ? await findMemberByEmail({ db, orgId, email: key }) : await findMember({ db, orgId, memberId: key });
        if (!target) return;
        throwUnlessMayRemove({ actor, target, ownerCount: await countOwners({ db, orgId }) });
        note({ orgId, action: 'team.remove', target: { type: 'member', id: target.id }, before: { userId: target.userId, role: target.role } });
        return;
      }
      case '/organization/cancel-invitation': {
        const invitationId = text(body.invitationId);
        const invitation = invitationId ? await findInvitationForRevoke({ db, id: invitationId }) : null;
        const actor = invitation ? await findMember({ db, orgId: invitation.orgId, userId: session.user.id }) : null;
        if (!invitation || !actor) return;
        throwUnlessMayRevoke({ actor, invitationRole: invitation.role });
        note({ orgId: invitation.orgId, action: 'team.revoke', target: { type: 'invitation', id: invitationId }, before: { email: invitation.email, role: invitation.role } });
        return;
      }
      case '/organization/accept-invitation':
      case '/organization/reject-invitation': {
        const invitationId = text(body.invitationId);
        const invitation = invitationId ? await findInvitationForRevoke({ db, id: invitationId }) : null;
        if (!invitation) return;
        const action = path === '/organization/accept-invitation' ? 'team.join' : 'team.decline';
        note({ orgId: invitation.orgId, action, target: { type: 'invitation', id: invitationId }, after: { email: invitation.email, role: invitation.role } });
        return;
      }
      case '/organization/leave': {
        const orgId = text(body.organizationId);
        const actor = orgId ? await findMember({ db, orgId, userId: session.user.id }) : null;
        if (!orgId || !actor) return;
        throwUnlessMayLeave({ actor, ownerCount: await countOwners({ db, orgId }) });
        note({ orgId, action: 'team.leave', target: { type: 'member', id: actor.id }, before: { userId: actor.userId, role: actor.role } });
        return;
      }
    }
  } catch (error) {
    throw toApiError(error);
  }
});

export const teamAfterHook = createAuthMiddleware(async (ctx) => {
  if (!WATCHED.includes(ctx.path as (typeof WATCHED)[number]) || !ctx.request) return;
  const entry = pending().get(ctx.request);
  if (!entry) return;
  pending().delete(ctx.request);
  const returned = ctx.context.returned as Record<string, unknown> | undefined;
  if (!returned || isAPIError(returned) || returned instanceof Response) return;
  // The invitation's id is known only once Better Auth made it.
  const target = entry.target.id ? entry.target : { ...entry.target, id: text(returned.id) ?? null };
  try {
    await withOrgTransaction(entry.orgId, (db) => recordAudit({ db, orgId: entry.orgId, actor: entry.actor, ip: entry.ip, action: entry.action, target, before: entry.before, after: entry.after }));
  } catch (err) {
    // The change stands (Better Auth has committed it); the missing entry is logged loudly.
    logger().error({ err, orgId: entry.orgId, action: entry.action, targetId: target.id }, 'team audit entry not recorded');
  }
});
