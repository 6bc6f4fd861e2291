import { z } from 'zod';
import { revokeApiKey } from '@/lib/api-keys';
import { AppError } from '@/lib/errors';
import { withOrg } from '@/lib/api/with-org';

export const dynamic = 'force-dynamic';

// DELETE /api/v1/api-keys/:id – revoke at once
export const DELETE = withOrg(
  async ({ db, orgId, params, log }) => {
    const id = z.uuid().safeParse(params.id);
    if (!id.success) throw new AppError('not_found', 'No API key with this id in your organization.');
    const key = await revokeApiKey({ db, orgId, id: id.data });
    log.info({ keyId: key.id }, 'api key revoked');
    return Response.json({ apiKey: key });
  },
  { roles: ['owner', 'admin'] },
);
