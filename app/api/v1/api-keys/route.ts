import { createApiKey, findApiKeys, ZCreateApiKeySchema } from '@/lib/api-keys';
import { withOrg } from '@/lib/api/with-org';

export const dynamic = 'force-dynamic';

// POST /api/v1/api-keys – create a key for the active org; the secret is shown once
export const POST = withOrg(
  async ({ body, db, orgId, user, log }) => {
    const key = await createApiKey({ db, orgId, userId: user.id, input: body });
    log.info({ keyId: key.id }, 'api key created');
    return Response.json({ id: key.id, name: key.name, key: key.key, prefix: key.prefix, createdAt: key.createdAt }, { status: 201 });
  },
  { permission: 'api-keys.manage', body: { schema: ZCreateApiKeySchema, maxBytes: 4096 } },
);

// GET /api/v1/api-keys – the org's keys, without secrets
export const GET = withOrg(
  async ({ db, orgId }) => Response.json({ apiKeys: await findApiKeys({ db, orgId }) }),
  { permission: 'api-keys.manage' },
);
