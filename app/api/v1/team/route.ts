import { withOrg } from '@/lib/api/with-org';
import { can } from '@/lib/orgs/permissions';
import { findMembers, findPendingInvitations } from '@/lib/team';

export const dynamic = 'force-dynamic';

// GET /api/v1/team – the active org's members (everyone may read them) and,
// for admins and owners, its pending invitations (their ids are the links).
// Changes go through Better Auth's organization endpoints (README, "Team").
export const GET = withOrg(async ({ db, orgId, role, user }) => {
  const members = await findMembers({ db, orgId });
  const invitations = can(role, 'team.manage') ? await findPendingInvitations({ db, orgId, viewerRole: role }) : null;
  return Response.json({ members, invitations, you: { userId: user.id, role } });
});
