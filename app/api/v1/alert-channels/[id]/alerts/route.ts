import { z } from 'zod';
import { uuidParam } from '@/lib/api/input';
import { withOrg } from '@/lib/api/with-org';
import { findChannelAlerts } from '@/lib/alerts';

export const dynamic = 'force-dynamic';

// GET /api/v1/alert-channels/:id/alerts – the channel's alerts, newest first (time, event, status, error)
export const GET = withOrg(
  async ({ params, db, orgId }) => Response.json({ alerts: await findChannelAlerts({ db, orgId, id: params.id }) }),
  { permission: 'alerts.manage', params: z.object({ id: uuidParam('alert channel') }) },
);
