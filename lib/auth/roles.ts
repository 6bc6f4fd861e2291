import { createAccessControl } from 'better-auth/plugins/access';
import { defaultStatements as adminDefaultStatements } from 'better-auth/plugins/admin/access';
import { adminAc, defaultStatements, memberAc, ownerAc } from 'better-auth/plugins/organization/access';

// The organization roles Better Auth accepts (invitations, role changes):
// its three defaults plus Orylo's analyst and viewer. What each may do in
// Orylo itself is lib/orgs/permissions.ts; these statements only govern
// Better Auth's own organization endpoints, where analysts and viewers have
// the plain member's rights (none but reading the roles).
export const orgAccessControl = createAccessControl(defaultStatements);

export const orgRoles = {
  owner: orgAccessControl.newRole(ownerAc.statements),
  admin: orgAccessControl.newRole(adminAc.statements),
  member: orgAccessControl.newRole(memberAc.statements),
  analyst: orgAccessControl.newRole(memberAc.statements),
  viewer: orgAccessControl.newRole(memberAc.statements),
};

// The platform admin (Better Auth's admin plugin) may read Orylo's metrics
// and nothing of the plugin's own powers: no impersonation, no setting a
// password or an e-mail, no listing, creating, banning or deleting users.
// Every admin endpoint of the plugin therefore answers 403, whoever calls it.
export const platformAccessControl = createAccessControl(adminDefaultStatements);

export const platformRoles = {
  admin: platformAccessControl.newRole({ user: [], session: [] }),
  user: platformAccessControl.newRole({ user: [], session: [] }),
};
