import { PERMISSIONS, throwUnlessAllowed, toOrgRole, type TOrgRole, type TPermission } from '@/lib/orgs/permissions';
import { AppError } from '@/lib/errors';

// Who may change the team, checked before Better Auth's organization
// endpoints run (lib/auth/team-hooks.ts). Better Auth's access control
// (lib/auth/roles.ts) enforces most of it as well; these rules are Orylo's
// word on it, with messages a person can act on (README, "Team").

/** The roles an invitation or a role change may give. `member` is Better Auth's default and reads as analyst. */
export const ASSIGNABLE_ROLES = ['viewer', 'analyst', 'admin', 'owner', 'member'] as const;
export type TAssignableRole = (typeof ASSIGNABLE_ROLES)[number];

/** A membership as the rules see it: its stored role (Better Auth may store a list) and who holds it. */
export type TTeamMember = { id: string; userId: string; role: string };

const isOwner = (stored: string) => toOrgRole(stored) === 'owner';

function forbidden(message: string): never {
  throw new AppError('forbidden', message);
}

/** The one role a request names: a string or a one-element array, one of ASSIGNABLE_ROLES. */
export function parseAssignableRole(raw: unknown): TAssignableRole {
  const list = (Array.isArray(raw) ? raw : [raw]).flatMap((r) => (typeof r === 'string' ? r.split(',') : [r]));
  const names = list.map((r) => (typeof r === 'string' ? r.trim() : r)).filter((r) => r !== '');
  if (names.length !== 1 || !(ASSIGNABLE_ROLES as readonly unknown[]).includes(names[0])) {
    throw new AppError('validation_error', `role: Must be one of viewer, analyst, admin or owner.`, { field: 'role' });
  }
  return names[0] as TAssignableRole;
}

/** Inviting: admins and owners; the owner role only from an owner. */
export function throwUnlessMayInvite(options: { actor: TTeamMember; role: TAssignableRole }): void {
  throwUnlessAllowed(toOrgRole(options.actor.role), 'team.manage');
  if (options.role === 'owner' && !isOwner(options.actor.role)) forbidden('Only an owner can invite someone as owner.');
}

/** Revoking an invitation: admins and owners; an invitation to the owner role only by an owner. */
export function throwUnlessMayRevoke(options: { actor: TTeamMember; invitationRole: string | null }): void {
  throwUnlessAllowed(toOrgRole(options.actor.role), 'team.manage');
  if (options.invitationRole && isOwner(options.invitationRole) && !isOwner(options.actor.role)) forbidden('Only an owner can revoke an invitation to the owner role.');
}

/**
 * Changing a role: admins and owners, never their own (ask another admin or
 * owner: nobody raises themselves, and nobody demotes themselves by a slip of
 * the selector); the owner role is given and taken only by an owner; the last
 * owner keeps it.
 */
export function throwUnlessMayChangeRole(options: { actor: TTeamMember; target: TTeamMember; role: TAssignableRole; ownerCount: number }): void {
  const { actor, target, role, ownerCount } = options;
  throwUnlessAllowed(toOrgRole(actor.role), 'team.manage');
  if (actor.id === target.id) forbidden('You can’t change your own role. Ask another admin or owner of this organization.');
  if ((isOwner(target.role) || role === 'owner') && !isOwner(actor.role)) forbidden('Only an owner can make someone an owner or change an owner’s role.');
  if (isOwner(target.role) && role !== 'owner' && ownerCount <= 1) forbidden('This is the organization’s last owner. Make another member an owner first.');
}

/**
 * Removing a member: admins and owners; an owner only by an owner, and never
 * the last owner. Removing yourself is leaving, allowed on the same terms.
 */
export function throwUnlessMayRemove(options: { actor: TTeamMember; target: TTeamMember; ownerCount: number }): void {
  const { actor, target, ownerCount } = options;
  throwUnlessAllowed(toOrgRole(actor.role), 'team.manage');
  if (isOwner(target.role) && !isOwner(actor.role)) forbidden('Only an owner can remove an owner.');
  if (isOwner(target.role) && ownerCount <= 1) forbidden('This is the organization’s last owner and can’t be removed. Make another member an owner first.');
}

/** Leaving: anyone, except the last owner. */
export function throwUnlessMayLeave(options: { actor: TTeamMember; ownerCount: number }): void {
  if (isOwner(options.actor.role) && options.ownerCount <= 1) forbidden('You are the organization’s last owner: make another member an owner before you leave.');
}

const RANKED: readonly TOrgRole[] = ['viewer', 'analyst', 'admin', 'owner'];

/**
 * One line per role for the invitation form and the role selector, read from
 * the permission table (what the role may do that the role below may not),
 * so it never drifts from what the API enforces.
 */
export function roleSummary(role: TOrgRole): string {
  if (role === 'viewer') return 'Reads the organization’s data (detections, the live stream, incidents, lists, rules, the audit log) and changes nothing.';
  if (role === 'owner') return 'Everything an admin does, plus making and removing owners and deleting the organization.';
  const { below, permissions } = roleAdds(role);
  const extra = permissions.map((p) => PERMISSIONS[p].what);
  return `Everything ${below === 'admin' ? 'an' : below === 'analyst' ? 'an' : 'a'} ${below} does, plus ${extra.join(', ')}.`;
}

/** The role ranked just below `role` (viewer for viewer), and the permissions `role` has that it has not. */
export function roleAdds(role: TOrgRole): { below: TOrgRole; permissions: TPermission[] } {
  const below = RANKED[Math.max(0, RANKED.indexOf(role) - 1)];
  const has = (p: TPermission, r: TOrgRole) => (PERMISSIONS[p].roles as readonly TOrgRole[]).includes(r);
  return { below, permissions: (Object.keys(PERMISSIONS) as TPermission[]).filter((p) => has(p, role) && !has(p, below)) };
}

/** The roles `actorRole` may give in an invitation or a role change, least first. */
export function assignableBy(actorRole: TOrgRole): TOrgRole[] {
  if (!(PERMISSIONS['team.manage'].roles as readonly TOrgRole[]).includes(actorRole)) return [];
  return actorRole === 'owner' ? ['viewer', 'analyst', 'admin', 'owner'] : ['viewer', 'analyst', 'admin'];
}
