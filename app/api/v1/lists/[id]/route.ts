import { z } from 'zod';
import { uuidParam } from '@/lib/api/input';
import { withOrg } from '@/lib/api/with-org';
import { deleteListEntry } from '@/lib/lists';

export const dynamic = 'force-dynamic';

// DELETE /api/v1/lists/:id – remove an entry (soft delete: the audit trail keeps it)
export const DELETE = withOrg(
  async ({ params, db, orgId, user, ip, log }) => {
    const entry = await deleteListEntry({ db, orgId, actor: user, ip, id: params.id });
    log.info({ listEntryId: entry.id }, 'list entry removed');
    return Response.json({ entry });
  },
  { permission: 'lists.remove', params: z.object({ id: uuidParam('list entry') }) },
);
