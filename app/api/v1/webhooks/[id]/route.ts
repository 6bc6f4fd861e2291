import { z } from 'zod';
import { uuidParam } from '@/lib/api/input';
import { withOrg } from '@/lib/api/with-org';
import { deleteWebhookEndpoint, getWebhookEndpointRowOrThrow, parseUpdateWebhook, toWebhookEndpoint, updateWebhookEndpoint } from '@/lib/webhooks';

export const dynamic = 'force-dynamic';

const params = z.object({ id: uuidParam('webhook endpoint') });

// GET /api/v1/webhooks/:id – one endpoint, without its secret
export const GET = withOrg(
  async ({ params, db, orgId }) => Response.json({ webhook: toWebhookEndpoint(await getWebhookEndpointRowOrThrow({ db, orgId, id: params.id })) }),
  { permission: 'webhooks.manage', params },
);

// PATCH /api/v1/webhooks/:id – change its URL, events, decisions filter, or enable/disable it
export const PATCH = withOrg(
  async ({ params, body, db, orgId, user, ip, log }) => {
    const webhook = await updateWebhookEndpoint({ db, orgId, actor: user, ip, id: params.id, input: body });
    log.info({ webhookId: webhook.id, enabled: webhook.enabled }, 'webhook endpoint updated');
    return Response.json({ webhook });
  },
  { permission: 'webhooks.manage', params, body: { parse: parseUpdateWebhook, maxBytes: 8192 } },
);

// DELETE /api/v1/webhooks/:id – stop sending to it; its delivery log goes with it
export const DELETE = withOrg(
  async ({ params, db, orgId, user, ip, log }) => {
    await deleteWebhookEndpoint({ db, orgId, actor: user, ip, id: params.id });
    log.info({ webhookId: params.id }, 'webhook endpoint deleted');
    return new Response(null, { status: 204 });
  },
  { permission: 'webhooks.manage', params },
);
