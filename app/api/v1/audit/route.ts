import { withOrg } from '@/lib/api/with-org';
import { findAuditActions, findAuditEntries, ZFindAuditQuerySchema } from '@/lib/audit';

export const dynamic = 'force-dynamic';

// GET /api/v1/audit – the org's audit trail, newest first (?limit=&cursor=&action=).
// Any member may read it, not only owners and admins: the actions it records
// are ones members take themselves (reviews, lists), and the analyst on shift
// needs to see who unblocked an IP or approved an order, and why.
export const GET = withOrg(
  async ({ query, db, orgId }) => {
    const page = await findAuditEntries({ db, orgId, ...query });
    // The first page also lists the org's actions, so the filter offers only real ones.
    if (query.cursor) return Response.json(page);
    return Response.json({ ...page, actions: await findAuditActions({ db, orgId }) });
  },
  { query: ZFindAuditQuerySchema },
);
