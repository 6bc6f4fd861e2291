import { z } from 'zod';
import { uuidParam } from '@/lib/api/input';
import { withOrg } from '@/lib/api/with-org';
import { getAttackDetailOrThrow } from '@/lib/attacks';

export const dynamic = 'force-dynamic';

// GET /api/v1/attacks/:id – one incident of the active org and what the team did during it (from the audit trail)
export const GET = withOrg(async ({ params, db, orgId }) => Response.json(await getAttackDetailOrThrow({ db, orgId, id: params.id })), {
  params: z.object({ id: uuidParam('incident') }),
});
