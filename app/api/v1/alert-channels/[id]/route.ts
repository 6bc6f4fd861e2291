import { z } from 'zod';
import { uuidParam } from '@/lib/api/input';
import { withOrg } from '@/lib/api/with-org';
import { deleteAlertChannel } from '@/lib/alerts';

export const dynamic = 'force-dynamic';

// DELETE /api/v1/alert-channels/:id – stop sending to a channel (its alert history goes with it)
export const DELETE = withOrg(
  async ({ params, db, orgId, user, ip, log }) => {
    const channel = await deleteAlertChannel({ db, orgId, actor: user, ip, id: params.id });
    log.info({ channelId: channel.id }, 'alert channel deleted');
    return new Response(null, { status: 204 });
  },
  { permission: 'alerts.manage', params: z.object({ id: uuidParam('alert channel') }) },
);
