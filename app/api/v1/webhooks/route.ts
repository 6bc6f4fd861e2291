import { withOrg } from '@/lib/api/with-org';
import { createWebhookEndpoint, findWebhookEndpoints, parseCreateWebhook } from '@/lib/webhooks';

export const dynamic = 'force-dynamic';

// GET /api/v1/webhooks – the org's endpoints, never their secrets
export const GET = withOrg(async ({ db, orgId }) => Response.json({ webhooks: await findWebhookEndpoints({ db, orgId }) }), { permission: 'webhooks.manage' });

// POST /api/v1/webhooks – register an endpoint; its signing secret is in this answer only
export const POST = withOrg(
  async ({ body, db, orgId, user, ip, log }) => {
    const webhook = await createWebhookEndpoint({ db, orgId, actor: user, ip, input: body });
    log.info({ webhookId: webhook.id, events: webhook.events }, 'webhook endpoint created');
    return Response.json(webhook, { status: 201 });
  },
  { permission: 'webhooks.manage', body: { parse: parseCreateWebhook, maxBytes: 8192 } },
);
