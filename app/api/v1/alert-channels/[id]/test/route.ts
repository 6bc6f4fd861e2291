import { z } from 'zod';
import { uuidParam } from '@/lib/api/input';
import { withOrg } from '@/lib/api/with-org';
import { sendTestAlert } from '@/lib/alerts';

export const dynamic = 'force-dynamic';

// POST /api/v1/alert-channels/:id/test – send a test message now; answers with what the target returned
export const POST = withOrg(
  async ({ params, db, orgId, log }) => {
    const alert = await sendTestAlert({ db, orgId, id: params.id });
    log.info({ channelId: params.id, status: alert.status, httpStatus: alert.httpStatus }, 'alert channel tested');
    return Response.json({ alert });
  },
  { permission: 'alerts.manage', params: z.object({ id: uuidParam('alert channel') }) },
);
