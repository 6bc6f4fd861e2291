import { z } from 'zod';
import { readJsonValue } from '@/lib/api/body';
import { uuidParam } from '@/lib/api/input';
import { withOrg } from '@/lib/api/with-org';
import { parseRotateSecret, rotateWebhookSecret } from '@/lib/webhooks';

export const dynamic = 'force-dynamic';

// POST /api/v1/webhooks/:id/rotate-secret { overlapSeconds? } – a new secret, shown once; the old one
// keeps signing beside it for the overlap (default 24 h). The body is optional.
export const POST = withOrg(
  async ({ req, params, db, orgId, user, ip, log }) => {
    const hasBody = req.headers.get('content-length') !== '0' && req.headers.has('content-type');
    const input = parseRotateSecret(hasBody ? await readJsonValue(req, { maxBytes: 1024 }) : {});
    const rotated = await rotateWebhookSecret({ db, orgId, actor: user, ip, id: params.id, input });
    log.info({ webhookId: params.id, overlapSeconds: rotated.overlapSeconds }, 'webhook secret rotated');
    const message = rotated.previousSecretExpiresAt
      ? `The previous secret keeps signing beside this one (two v1= signatures) until ${rotated.previousSecretExpiresAt}; after that only this one signs. Deploy it before then.`
      : 'Only this secret signs from now on: the previous one stopped at once.';
    return Response.json({ id: rotated.endpoint.id, secret: rotated.secret, previousSecretExpiresAt: rotated.previousSecretExpiresAt, overlapSeconds: rotated.overlapSeconds, message });
  },
  { permission: 'webhooks.manage', params: z.object({ id: uuidParam('webhook endpoint') }) },
);
