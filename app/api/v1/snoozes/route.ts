import { withOrg } from '@/lib/api/with-org';
import { findSnoozes, ZSnoozeQuerySchema } from '@/lib/snoozes';

export const dynamic = 'force-dynamic';

// GET /api/v1/snoozes?ruleId=&entityType=&entityValue= – the live rule snoozes, soonest to expire first
export const GET = withOrg(async ({ query, db, orgId }) => Response.json({ snoozes: await findSnoozes({ db, orgId, filters: query }) }), {
  query: ZSnoozeQuerySchema,
});
