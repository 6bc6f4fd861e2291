import { z } from 'zod';
import { uuidParam } from '@/lib/api/input';
import { withOrg } from '@/lib/api/with-org';
import { deleteView } from '@/lib/views';

export const dynamic = 'force-dynamic';

// DELETE /api/v1/views/:id – one's own view, or (admin, owner) one someone else shared
export const DELETE = withOrg(
  async ({ params, db, orgId, user, role, ip, log }) => {
    const view = await deleteView({ db, orgId, user, role, ip, id: params.id });
    log.info({ viewId: view.id }, 'view deleted');
    return new Response(null, { status: 204 });
  },
  { permission: 'views.save', params: z.object({ id: uuidParam('saved view') }) },
);
