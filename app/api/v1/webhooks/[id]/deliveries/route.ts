import { z } from 'zod';
import { uuidParam } from '@/lib/api/input';
import { withOrg } from '@/lib/api/with-org';
import { findWebhookAttempts, ZDeliveriesQuerySchema } from '@/lib/webhooks';

export const dynamic = 'force-dynamic';

// GET /api/v1/webhooks/:id/deliveries?limit=&cursor= – every attempt to this endpoint, newest first
export const GET = withOrg(
  async ({ params, query, db, orgId }) => Response.json(await findWebhookAttempts({ db, orgId, endpointId: params.id, query })),
  { permission: 'webhooks.manage', params: z.object({ id: uuidParam('webhook endpoint') }), query: ZDeliveriesQuerySchema },
);
