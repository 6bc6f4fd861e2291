import { z } from 'zod';
import { AppError } from '@/lib/errors';
import { withOrg } from '@/lib/api/with-org';
import { deleteListEntry } from '@/lib/lists';
import { clientIp } from '@/lib/realtime/limits';

export const dynamic = 'force-dynamic';

// DELETE /api/v1/lists/:id – remove an entry (soft delete: the audit trail keeps it)
export const DELETE = withOrg(async ({ req, db, orgId, user, params, log }) => {
  const id = z.uuid().safeParse(params.id);
  if (!id.success) throw new AppError('not_found', 'No list entry with this id in your organization.');
  const entry = await deleteListEntry({ db, orgId, actor: user, ip: clientIp(req), id: id.data });
  log.info({ listEntryId: entry.id }, 'list entry removed');
  return Response.json({ entry });
});
