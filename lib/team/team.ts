import { and, asc, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '@/db/client';
import { invitation, member, organization, user } from '@/db/schema';
import { toOrgRole, type TOrgRole } from '@/lib/orgs/permissions';
import type { TTeamMember } from './rules';

// The team as /settings/team shows it. Better Auth's tables are not tenant
// tables (no RLS): every query here names the organization itself.

export type TTeamMemberView = { id: string; userId: string; name: string; email: string; role: TOrgRole; joinedAt: string };
export type TInvitationView = { id: string; email: string; role: TOrgRole; invitedBy: { name: string; email: string } | null; createdAt: string; expiresAt: string; expired: boolean };
export type TTeam = { members: TTeamMemberView[]; invitations: TInvitationView[] | null };

/** The org's members, oldest first. */
export async function findMembers(options: { db: Executor; orgId: string }): Promise<TTeamMemberView[]> {
  const rows = await options.db
    .select({ id: member.id, userId: member.userId, role: member.role, joinedAt: member.createdAt, name: user.name, email: user.email })
    .from(member)
    .innerJoin(user, eq(user.id, member.userId))
    .where(eq(member.organizationId, options.orgId))
    .orderBy(asc(member.createdAt), asc(member.id));
  return rows.map((r) => ({ id: r.id, userId: r.userId, name: r.name, email: r.email, role: toOrgRole(r.role), joinedAt: r.joinedAt.toISOString() }));
}

const inviter = alias(user, 'inviter');

/**
 * The org's pending invitations (expired ones too, marked), newest first, one per address.
 * SECURITY: an invitation's id is its link. Invitations to the owner role are
 * left out for anyone but an owner (as Better Auth's list-invitations does):
 * an admin holding one could sign up with that address and accept it.
 */
export async function findPendingInvitations(options: { db: Executor; orgId: string; viewerRole: TOrgRole; now?: Date }): Promise<TInvitationView[]> {
  const now = options.now ?? new Date();
  const rows = await options.db
    .select({ id: invitation.id, email: invitation.email, role: invitation.role, createdAt: invitation.createdAt, expiresAt: invitation.expiresAt, inviterName: inviter.name, inviterEmail: inviter.email })
    .from(invitation)
    .leftJoin(inviter, eq(inviter.id, invitation.inviterId))
    .where(and(eq(invitation.organizationId, options.orgId), eq(invitation.status, 'pending')))
    .orderBy(asc(invitation.createdAt));
  return rows
    .map((r) => ({
      id: r.id,
      email: r.email,
      role: toOrgRole(r.role ?? 'member'),
      invitedBy: r.inviterEmail ? { name: r.inviterName ?? r.inviterEmail, email: r.inviterEmail } : null,
      createdAt: r.createdAt.toISOString(),
      expiresAt: r.expiresAt.toISOString(),
      expired: r.expiresAt <= now,
    }))
    .filter((i) => options.viewerRole === 'owner' || i.role !== 'owner')
    .reverse()
    // An expired invitation invited anew leaves its old row pending: show each address once, the newest.
    .filter((i, index, all) => all.findIndex((j) => j.email === i.email) === index);
}

/** One membership of the org, or null. */
export async function findMember(options: { db: Executor; orgId: string; userId?: string; memberId?: string }): Promise<TTeamMember | null> {
  const { db, orgId, userId, memberId } = options;
  if (!userId && !memberId) return null;
  const rows = await db
    .select({ id: member.id, userId: member.userId, role: member.role })
    .from(member)
    .where(and(eq(member.organizationId, orgId), userId ? eq(member.userId, userId) : undefined, memberId ? eq(member.id, memberId) : undefined))
    .limit(1);
  return rows[0] ?? null;
}

/** A member of the org found by e-mail (Better Auth's remove-member accepts one), or null. */
export async function findMemberByEmail(options: { db: Executor; orgId: string; email: string }): Promise<TTeamMember | null> {
  const rows = await options.db
    .select({ id: member.id, userId: member.userId, role: member.role })
    .from(member)
    .innerJoin(user, eq(user.id, member.userId))
    .where(and(eq(member.organizationId, options.orgId), eq(user.email, options.email.toLowerCase())))
    .limit(1);
  return rows[0] ?? null;
}

/** How many members hold the owner role. */
export async function countOwners(options: { db: Executor; orgId: string }): Promise<number> {
  const rows = await options.db.select({ role: member.role }).from(member).where(eq(member.organizationId, options.orgId));
  return rows.filter((r) => toOrgRole(r.role) === 'owner').length;
}

export type TInvitationStatus = 'pending' | 'expired' | 'accepted' | 'rejected' | 'canceled';

/** What the invitation page shows: the invitation, its organization and who sent it. Null for an unknown id. */
export type TInvitationDetails = {
  id: string;
  email: string;
  role: TOrgRole;
  status: TInvitationStatus;
  expiresAt: string;
  organization: { id: string; name: string };
  inviter: { name: string; email: string } | null;
};

export async function findInvitationDetails(options: { db: Executor; id: string; now?: Date }): Promise<TInvitationDetails | null> {
  const now = options.now ?? new Date();
  const rows = await options.db
    .select({
      id: invitation.id,
      email: invitation.email,
      role: invitation.role,
      status: invitation.status,
      expiresAt: invitation.expiresAt,
      orgId: organization.id,
      orgName: organization.name,
      inviterName: inviter.name,
      inviterEmail: inviter.email,
    })
    .from(invitation)
    .innerJoin(organization, eq(organization.id, invitation.organizationId))
    .leftJoin(inviter, eq(inviter.id, invitation.inviterId))
    .where(eq(invitation.id, options.id))
    .limit(1);
  const r = rows[0];
  if (!r) return null;
  const stored = (['pending', 'accepted', 'rejected', 'canceled'] as const).find((s) => s === r.status) ?? 'canceled';
  return {
    id: r.id,
    email: r.email,
    role: toOrgRole(r.role ?? 'member'),
    status: stored === 'pending' && r.expiresAt <= now ? 'expired' : stored,
    expiresAt: r.expiresAt.toISOString(),
    organization: { id: r.orgId, name: r.orgName },
    inviter: r.inviterEmail ? { name: r.inviterName ?? r.inviterEmail, email: r.inviterEmail } : null,
  };
}

/** The stored role of a pending invitation and its org, for the revoke rule. */
export async function findInvitationForRevoke(options: { db: Executor; id: string }): Promise<{ orgId: string; role: string | null; email: string } | null> {
  const rows = await options.db
    .select({ orgId: invitation.organizationId, role: invitation.role, email: invitation.email })
    .from(invitation)
    .where(eq(invitation.id, options.id))
    .limit(1);
  return rows[0] ?? null;
}

/** Whether an account uses this address: the invitation page then starts on "Sign in" rather than "Create an account". */
export async function hasAccount(options: { db: Executor; email: string }): Promise<boolean> {
  const rows = await options.db.select({ id: user.id }).from(user).where(eq(user.email, options.email.toLowerCase())).limit(1);
  return rows.length > 0;
}
