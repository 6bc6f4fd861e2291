import { createApiKey, findApiKeys, ZCreateApiKeySchema } from '@/lib/api-keys';
import { readJsonBody } from '@/lib/api/body';
import { withOrg } from '@/lib/api/with-org';

export const dynamic = 'force-dynamic';

const MANAGERS = ['owner', 'admin'] as const;

// POST /api/v1/api-keys – create a key for the active org; the secret is shown once
export const POST = withOrg(
  async ({ req, db, orgId, user, log }) => {
    const input = await readJsonBody(req, ZCreateApiKeySchema, { maxBytes: 4096 });
    const key = await createApiKey({ db, orgId, userId: user.id, input });
    log.info({ keyId: key.id }, 'api key created');
    return Response.json({ id: key.id, name: key.name, key: key.key, prefix: key.prefix, createdAt: key.createdAt }, { status: 201 });
  },
  { roles: MANAGERS },
);

// GET /api/v1/api-keys – the org's keys, without secrets
export const GET = withOrg(
  async ({ db, orgId }) => Response.json({ apiKeys: await findApiKeys({ db, orgId }) }),
  { roles: MANAGERS },
);
