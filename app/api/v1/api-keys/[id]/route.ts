import { z } from 'zod';
import { revokeApiKey } from '@/lib/api-keys';
import { uuidParam } from '@/lib/api/input';
import { withOrg } from '@/lib/api/with-org';

export const dynamic = 'force-dynamic';

// DELETE /api/v1/api-keys/:id – revoke at once
export const DELETE = withOrg(
  async ({ db, orgId, params, log }) => {
    const key = await revokeApiKey({ db, orgId, id: params.id });
    log.info({ keyId: key.id }, 'api key revoked');
    return Response.json({ apiKey: key });
  },
  { permission: 'api-keys.manage', params: z.object({ id: uuidParam('API key') }) },
);
