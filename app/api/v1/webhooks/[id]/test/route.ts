import { z } from 'zod';
import { uuidParam } from '@/lib/api/input';
import { withOrg } from '@/lib/api/with-org';
import { queueTestEvent } from '@/lib/webhooks';

export const dynamic = 'force-dynamic';

// POST /api/v1/webhooks/:id/test – queue an event of type "test" for this endpoint only
export const POST = withOrg(
  async ({ params, db, orgId, user, log }) => {
    const eventId = await queueTestEvent({ db, orgId, id: params.id, actor: user });
    log.info({ webhookId: params.id, eventId }, 'webhook test event queued');
    return Response.json({ eventId, type: 'test' }, { status: 202 });
  },
  { permission: 'webhooks.manage', params: z.object({ id: uuidParam('webhook endpoint') }) },
);
