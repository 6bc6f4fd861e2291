import { withOrg } from '@/lib/api/with-org';
import { createView, findViews, parseCreateView } from '@/lib/views';

export const dynamic = 'force-dynamic';

// GET /api/v1/views – the caller's saved views, then those shared with the org
export const GET = withOrg(async ({ db, orgId, user }) => Response.json({ views: await findViews({ db, orgId, userId: user.id }) }));

// POST /api/v1/views – save the list's filters under a name, for oneself or the org
export const POST = withOrg(
  async ({ body, db, orgId, user, ip, log }) => {
    const view = await createView({ db, orgId, user, ip, input: body });
    log.info({ viewId: view.id, shared: view.shared }, 'view saved');
    return Response.json({ view }, { status: 201 });
  },
  { permission: 'views.save', body: { parse: parseCreateView, maxBytes: 8192 } },
);
